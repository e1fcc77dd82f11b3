SELECT
  1 AS "tierplan_aggregate",
  'focus' AS "source",
  CASE WHEN "r"."rejected" IS NULL THEN TO_CHAR("r"."time", 'YYYY-MM') ELSE NULL END AS "month",
  "r"."rejected" AS "rejected",
  NULL AS "model_group",
  NULL AS "model_id",
  NULL AS "model",
  NULL AS "provider",
  NULL AS "api_base",
  NULL AS "region",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."tags" ELSE NULL END AS "tags",
  NULL AS "metadata_tags",
  NULL AS "latency_bucket",
  COUNT(*) AS "rows",
  0 AS "requests",
  0 AS "input_tokens",
  0 AS "output_tokens",
  COALESCE(SUM("r"."cost"), 0) AS "cost",
  0 AS "unpriced_input_tokens",
  0 AS "unpriced_output_tokens",
  0 AS "failures",
  NULL AS "example",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."focus" ELSE NULL END AS "focus",
  COALESCE(SUM("r"."quantity"), 0) AS "quantity"
FROM (
  SELECT
    CASE WHEN "u"."ChargePeriodStart" IS NULL THEN 'ChargePeriodStart is empty' WHEN "u"."EffectiveCost" > 1000000000000 THEN 'the cost is out of range' WHEN "u"."EffectiveCost" < -1000000000000 THEN 'the cost is out of range' WHEN ("u"."ConsumedQuantity" < 0) AND (LOWER("u"."ConsumedUnit") LIKE '%token%') THEN 'ConsumedQuantity is negative' ELSE NULL END AS "rejected",
    "u"."ChargePeriodStart" AS "time",
    CONCAT('{', '"ConsumedUnit":', COALESCE(TO_JSON(TO_VARIANT("u"."ConsumedUnit")), 'null'), ',', '"SkuId":', COALESCE(TO_JSON(TO_VARIANT("u"."SkuId")), 'null'), ',', '"SkuMeter":', COALESCE(TO_JSON(TO_VARIANT("u"."SkuMeter")), 'null'), ',', '"ResourceName":', COALESCE(TO_JSON(TO_VARIANT("u"."ResourceName")), 'null'), ',', '"ResourceId":', COALESCE(TO_JSON(TO_VARIANT("u"."ResourceId")), 'null'), ',', '"ServiceName":', COALESCE(TO_JSON(TO_VARIANT("u"."ServiceName")), 'null'), ',', '"HostProviderName":', 'null', ',', '"ServiceProviderName":', 'null', ',', '"ProviderName":', COALESCE(TO_JSON(TO_VARIANT("u"."ProviderName")), 'null'), ',', '"RegionId":', COALESCE(TO_JSON(TO_VARIANT("u"."RegionId")), 'null'), ',', '"RegionName":', COALESCE(TO_JSON(TO_VARIANT("u"."RegionName")), 'null'), ',', '"ServiceCategory":', COALESCE(TO_JSON(TO_VARIANT("u"."ServiceCategory")), 'null'), ',', '"ChargeDescription":', COALESCE(TO_JSON(TO_VARIANT("u"."ChargeDescription")), 'null'), ',', '"x_TokenDirection":', 'null', ',', '"SkuPriceDetails":{"ModelId":', COALESCE(TO_JSON(GET(TRY_PARSE_JSON(TO_VARCHAR("u"."SkuPriceDetails")), 'ModelId')), 'null'), ',"TokenDirection":', COALESCE(TO_JSON(GET(TRY_PARSE_JSON(TO_VARCHAR("u"."SkuPriceDetails")), 'TokenDirection')), 'null'), '}}') AS "focus",
    CASE WHEN LOWER(TO_VARCHAR("u"."Tags")) LIKE '%tierplan%' THEN TO_VARCHAR("u"."Tags") WHEN LOWER(TO_VARCHAR("u"."Tags")) LIKE '%litellm:model_group%' THEN TO_VARCHAR("u"."Tags") ELSE NULL END AS "tags",
    "u"."ConsumedQuantity" AS "quantity",
    "u"."EffectiveCost" AS "cost"
  FROM "focus" AS "u"
  WHERE ("u"."ChargePeriodStart" >= TO_TIMESTAMP_NTZ('2025-10-01 00:00:00')) AND ("u"."ChargePeriodStart" < TO_TIMESTAMP_NTZ('2026-04-01 00:00:00'))
) AS "r"
GROUP BY CASE WHEN "r"."rejected" IS NULL THEN TO_CHAR("r"."time", 'YYYY-MM') ELSE NULL END, "r"."rejected", CASE WHEN "r"."rejected" IS NULL THEN "r"."tags" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."focus" ELSE NULL END
ORDER BY MIN("r"."time")
