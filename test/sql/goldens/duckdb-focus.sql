SELECT
  1 AS "tierplan_aggregate",
  'focus' AS "source",
  CASE WHEN "r"."rejected" IS NULL THEN strftime("r"."time", '%Y-%m') ELSE NULL END AS "month",
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
    CONCAT('{', '"ConsumedUnit":', COALESCE(CAST(to_json("u"."ConsumedUnit") AS VARCHAR), 'null'), ',', '"SkuId":', COALESCE(CAST(to_json("u"."SkuId") AS VARCHAR), 'null'), ',', '"SkuMeter":', COALESCE(CAST(to_json("u"."SkuMeter") AS VARCHAR), 'null'), ',', '"ResourceName":', COALESCE(CAST(to_json("u"."ResourceName") AS VARCHAR), 'null'), ',', '"ResourceId":', COALESCE(CAST(to_json("u"."ResourceId") AS VARCHAR), 'null'), ',', '"ServiceName":', COALESCE(CAST(to_json("u"."ServiceName") AS VARCHAR), 'null'), ',', '"HostProviderName":', 'null', ',', '"ServiceProviderName":', 'null', ',', '"ProviderName":', COALESCE(CAST(to_json("u"."ProviderName") AS VARCHAR), 'null'), ',', '"RegionId":', COALESCE(CAST(to_json("u"."RegionId") AS VARCHAR), 'null'), ',', '"RegionName":', COALESCE(CAST(to_json("u"."RegionName") AS VARCHAR), 'null'), ',', '"ServiceCategory":', COALESCE(CAST(to_json("u"."ServiceCategory") AS VARCHAR), 'null'), ',', '"ChargeDescription":', COALESCE(CAST(to_json("u"."ChargeDescription") AS VARCHAR), 'null'), ',', '"x_TokenDirection":', 'null', ',', '"SkuPriceDetails":{"ModelId":', COALESCE(CAST(json_extract(CAST("u"."SkuPriceDetails" AS JSON), '$."ModelId"') AS VARCHAR), 'null'), ',"TokenDirection":', COALESCE(CAST(json_extract(CAST("u"."SkuPriceDetails" AS JSON), '$."TokenDirection"') AS VARCHAR), 'null'), '}}') AS "focus",
    CASE WHEN LOWER(CAST("u"."Tags" AS VARCHAR)) LIKE '%tierplan%' THEN CAST("u"."Tags" AS VARCHAR) WHEN LOWER(CAST("u"."Tags" AS VARCHAR)) LIKE '%litellm:model_group%' THEN CAST("u"."Tags" AS VARCHAR) ELSE NULL END AS "tags",
    "u"."ConsumedQuantity" AS "quantity",
    "u"."EffectiveCost" AS "cost"
  FROM "focus" AS "u"
  WHERE ("u"."ChargePeriodStart" >= TIMESTAMP '2025-10-01 00:00:00') AND ("u"."ChargePeriodStart" < TIMESTAMP '2026-04-01 00:00:00')
) AS "r"
GROUP BY CASE WHEN "r"."rejected" IS NULL THEN strftime("r"."time", '%Y-%m') ELSE NULL END, "r"."rejected", CASE WHEN "r"."rejected" IS NULL THEN "r"."tags" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."focus" ELSE NULL END
ORDER BY MIN("r"."time")
