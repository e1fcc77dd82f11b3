SELECT
  1 AS `tierplan_aggregate`,
  'focus' AS `source`,
  CASE WHEN `r`.`rejected` IS NULL THEN FORMAT_TIMESTAMP('%Y-%m', `r`.`time`) ELSE NULL END AS `month`,
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
  COALESCE(SUM(`r`.`cost`), 0) AS `cost`,
  0 AS `unpriced_input_tokens`,
  0 AS `unpriced_output_tokens`,
  0 AS `failures`,
  NULL AS `example`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`focus` ELSE NULL END AS `focus`,
  COALESCE(SUM(`r`.`quantity`), 0) AS `quantity`
FROM (
  SELECT
    CASE WHEN `u`.`ChargePeriodStart` IS NULL THEN 'ChargePeriodStart is empty' WHEN `u`.`EffectiveCost` > 1000000000000 THEN 'the cost is out of range' WHEN `u`.`EffectiveCost` < -1000000000000 THEN 'the cost is out of range' WHEN (`u`.`ConsumedQuantity` < 0) AND (LOWER(`u`.`ConsumedUnit`) LIKE '%token%') THEN 'ConsumedQuantity is negative' ELSE NULL END AS `rejected`,
    `u`.`ChargePeriodStart` AS `time`,
    CONCAT('{', '"ConsumedUnit":', COALESCE(CASE WHEN `u`.`ConsumedUnit` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ConsumedUnit`) END, 'null'), ',', '"SkuId":', COALESCE(CASE WHEN `u`.`SkuId` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`SkuId`) END, 'null'), ',', '"SkuMeter":', COALESCE(CASE WHEN `u`.`SkuMeter` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`SkuMeter`) END, 'null'), ',', '"ResourceName":', COALESCE(CASE WHEN `u`.`ResourceName` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ResourceName`) END, 'null'), ',', '"ResourceId":', COALESCE(CASE WHEN `u`.`ResourceId` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ResourceId`) END, 'null'), ',', '"ServiceName":', COALESCE(CASE WHEN `u`.`ServiceName` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ServiceName`) END, 'null'), ',', '"HostProviderName":', 'null', ',', '"ServiceProviderName":', 'null', ',', '"ProviderName":', COALESCE(CASE WHEN `u`.`ProviderName` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ProviderName`) END, 'null'), ',', '"RegionId":', COALESCE(CASE WHEN `u`.`RegionId` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`RegionId`) END, 'null'), ',', '"RegionName":', COALESCE(CASE WHEN `u`.`RegionName` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`RegionName`) END, 'null'), ',', '"ServiceCategory":', COALESCE(CASE WHEN `u`.`ServiceCategory` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ServiceCategory`) END, 'null'), ',', '"ChargeDescription":', COALESCE(CASE WHEN `u`.`ChargeDescription` IS NULL THEN NULL ELSE TO_JSON_STRING(`u`.`ChargeDescription`) END, 'null'), ',', '"x_TokenDirection":', 'null', ',', '"SkuPriceDetails":{"ModelId":', COALESCE(JSON_QUERY(`u`.`SkuPriceDetails`, '$."ModelId"'), 'null'), ',"TokenDirection":', COALESCE(JSON_QUERY(`u`.`SkuPriceDetails`, '$."TokenDirection"'), 'null'), '}}') AS `focus`,
    CASE WHEN LOWER(CAST(`u`.`Tags` AS STRING)) LIKE '%tierplan%' THEN CAST(`u`.`Tags` AS STRING) WHEN LOWER(CAST(`u`.`Tags` AS STRING)) LIKE '%litellm:model_group%' THEN CAST(`u`.`Tags` AS STRING) ELSE NULL END AS `tags`,
    `u`.`ConsumedQuantity` AS `quantity`,
    `u`.`EffectiveCost` AS `cost`
  FROM `focus` AS `u`
  WHERE (`u`.`ChargePeriodStart` >= TIMESTAMP '2025-10-01 00:00:00') AND (`u`.`ChargePeriodStart` < TIMESTAMP '2026-04-01 00:00:00')
) AS `r`
GROUP BY CASE WHEN `r`.`rejected` IS NULL THEN FORMAT_TIMESTAMP('%Y-%m', `r`.`time`) ELSE NULL END, `r`.`rejected`, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`tags` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`focus` ELSE NULL END
ORDER BY MIN(`r`.`time`)
