SELECT
  1 AS `tierplan_aggregate`,
  'focus' AS `source`,
  CASE WHEN `r`.`rejected` IS NULL THEN formatDateTime(`r`.`time`, '%Y-%m', 'UTC') ELSE NULL END AS `month`,
  `r`.`rejected` AS `rejected`,
  NULL AS `model_group`,
  NULL AS `model_id`,
  NULL AS `model`,
  NULL AS `provider`,
  NULL AS `api_base`,
  NULL AS `region`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`tags` ELSE NULL END AS `tags`,
  NULL AS `metadata_tags`,
  NULL AS `latency_bucket`,
  COUNT(*) AS `rows`,
  0 AS `requests`,
  0 AS `input_tokens`,
  0 AS `output_tokens`,
  coalesce(SUM(`r`.`cost`), 0) AS `cost`,
  0 AS `unpriced_input_tokens`,
  0 AS `unpriced_output_tokens`,
  0 AS `failures`,
  NULL AS `example`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`focus` ELSE NULL END AS `focus`,
  coalesce(SUM(`r`.`quantity`), 0) AS `quantity`
FROM (
  SELECT
    CASE WHEN `u`.`ChargePeriodStart` IS NULL THEN 'ChargePeriodStart is empty' WHEN `u`.`EffectiveCost` > 1000000000000 THEN 'the cost is out of range' WHEN `u`.`EffectiveCost` < -1000000000000 THEN 'the cost is out of range' WHEN (`u`.`ConsumedQuantity` < 0) AND (lower(`u`.`ConsumedUnit`) LIKE '%token%') THEN 'ConsumedQuantity is negative' ELSE NULL END AS `rejected`,
    `u`.`ChargePeriodStart` AS `time`,
    concat('{', '"ConsumedUnit":', coalesce(if(isNull(`u`.`ConsumedUnit`), NULL, toJSONString(`u`.`ConsumedUnit`)), 'null'), ',', '"SkuId":', coalesce(if(isNull(`u`.`SkuId`), NULL, toJSONString(`u`.`SkuId`)), 'null'), ',', '"SkuMeter":', coalesce(if(isNull(`u`.`SkuMeter`), NULL, toJSONString(`u`.`SkuMeter`)), 'null'), ',', '"ResourceName":', coalesce(if(isNull(`u`.`ResourceName`), NULL, toJSONString(`u`.`ResourceName`)), 'null'), ',', '"ResourceId":', coalesce(if(isNull(`u`.`ResourceId`), NULL, toJSONString(`u`.`ResourceId`)), 'null'), ',', '"ServiceName":', coalesce(if(isNull(`u`.`ServiceName`), NULL, toJSONString(`u`.`ServiceName`)), 'null'), ',', '"HostProviderName":', 'null', ',', '"ServiceProviderName":', 'null', ',', '"ProviderName":', coalesce(if(isNull(`u`.`ProviderName`), NULL, toJSONString(`u`.`ProviderName`)), 'null'), ',', '"RegionId":', coalesce(if(isNull(`u`.`RegionId`), NULL, toJSONString(`u`.`RegionId`)), 'null'), ',', '"RegionName":', coalesce(if(isNull(`u`.`RegionName`), NULL, toJSONString(`u`.`RegionName`)), 'null'), ',', '"ServiceCategory":', coalesce(if(isNull(`u`.`ServiceCategory`), NULL, toJSONString(`u`.`ServiceCategory`)), 'null'), ',', '"ChargeDescription":', coalesce(if(isNull(`u`.`ChargeDescription`), NULL, toJSONString(`u`.`ChargeDescription`)), 'null'), ',', '"x_TokenDirection":', 'null', ',', '"SkuPriceDetails":{"ModelId":', coalesce(nullIf(JSONExtractRaw(toString(`u`.`SkuPriceDetails`), 'ModelId'), ''), 'null'), ',"TokenDirection":', coalesce(nullIf(JSONExtractRaw(toString(`u`.`SkuPriceDetails`), 'TokenDirection'), ''), 'null'), '}}') AS `focus`,
    CASE WHEN lower(toString(`u`.`Tags`)) LIKE '%tierplan%' THEN toString(`u`.`Tags`) WHEN lower(toString(`u`.`Tags`)) LIKE '%litellm:model_group%' THEN toString(`u`.`Tags`) ELSE NULL END AS `tags`,
    `u`.`ConsumedQuantity` AS `quantity`,
    `u`.`EffectiveCost` AS `cost`
  FROM `focus` AS `u`
  WHERE (`u`.`ChargePeriodStart` >= toDateTime64('2025-10-01 00:00:00', 3, 'UTC')) AND (`u`.`ChargePeriodStart` < toDateTime64('2026-04-01 00:00:00', 3, 'UTC'))
) AS `r`
GROUP BY CASE WHEN `r`.`rejected` IS NULL THEN formatDateTime(`r`.`time`, '%Y-%m', 'UTC') ELSE NULL END, `r`.`rejected`, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`tags` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`focus` ELSE NULL END
ORDER BY MIN(`r`.`time`)
