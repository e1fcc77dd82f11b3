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
    CONCAT('{', '"ConsumedUnit":', COALESCE(CAST(TO_JSON("u"."ConsumedUnit") AS TEXT), 'null'), ',', '"SkuId":', COALESCE(CAST(TO_JSON("u"."SkuId") AS TEXT), 'null'), ',', '"SkuMeter":', COALESCE(CAST(TO_JSON("u"."SkuMeter") AS TEXT), 'null'), ',', '"ResourceName":', COALESCE(CAST(TO_JSON("u"."ResourceName") AS TEXT), 'null'), ',', '"ResourceId":', COALESCE(CAST(TO_JSON("u"."ResourceId") AS TEXT), 'null'), ',', '"ServiceName":', COALESCE(CAST(TO_JSON("u"."ServiceName") AS TEXT), 'null'), ',', '"HostProviderName":', 'null', ',', '"ServiceProviderName":', 'null', ',', '"ProviderName":', COALESCE(CAST(TO_JSON("u"."ProviderName") AS TEXT), 'null'), ',', '"RegionId":', COALESCE(CAST(TO_JSON("u"."RegionId") AS TEXT), 'null'), ',', '"RegionName":', COALESCE(CAST(TO_JSON("u"."RegionName") AS TEXT), 'null'), ',', '"ServiceCategory":', COALESCE(CAST(TO_JSON("u"."ServiceCategory") AS TEXT), 'null'), ',', '"ChargeDescription":', COALESCE(CAST(TO_JSON("u"."ChargeDescription") AS TEXT), 'null'), ',', '"x_TokenDirection":', 'null', ',', '"SkuPriceDetails":{"ModelId":', COALESCE(CAST(CAST("u"."SkuPriceDetails" AS JSONB) -> 'ModelId' AS TEXT), 'null'), ',"TokenDirection":', COALESCE(CAST(CAST("u"."SkuPriceDetails" AS JSONB) -> 'TokenDirection' AS TEXT), 'null'), '}}') AS "focus",
    CASE WHEN LOWER(CAST("u"."Tags" AS TEXT)) LIKE '%tierplan%' THEN CAST("u"."Tags" AS TEXT) WHEN LOWER(CAST("u"."Tags" AS TEXT)) LIKE '%litellm:model_group%' THEN CAST("u"."Tags" AS TEXT) ELSE NULL END AS "tags",
    "u"."ConsumedQuantity" AS "quantity",
    "u"."EffectiveCost" AS "cost"
  FROM "focus" AS "u"
  WHERE ("u"."ChargePeriodStart" >= TIMESTAMP '2025-10-01 00:00:00') AND ("u"."ChargePeriodStart" < TIMESTAMP '2026-04-01 00:00:00')
) AS "r"
GROUP BY CASE WHEN "r"."rejected" IS NULL THEN TO_CHAR("r"."time", 'YYYY-MM') ELSE NULL END, "r"."rejected", CASE WHEN "r"."rejected" IS NULL THEN "r"."tags" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."focus" ELSE NULL END
ORDER BY MIN("r"."time")
