SELECT
  1 AS `tierplan_aggregate`,
  'litellm' AS `source`,
  CASE WHEN `r`.`rejected` IS NULL THEN FORMAT_TIMESTAMP('%Y-%m', `r`.`time`) ELSE NULL END AS `month`,
  `r`.`rejected` AS `rejected`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model_group` ELSE NULL END AS `model_group`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model_id` ELSE NULL END AS `model_id`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model` ELSE NULL END AS `model`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`provider` ELSE NULL END AS `provider`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`api_base` ELSE NULL END AS `api_base`,
  NULL AS `region`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`tags` ELSE NULL END AS `tags`,
  CASE WHEN `r`.`rejected` IS NULL THEN `r`.`metadata_tags` ELSE NULL END AS `metadata_tags`,
  CASE WHEN `r`.`rejected` IS NULL THEN CASE WHEN `r`.`latency_ms` IS NULL THEN NULL WHEN `r`.`latency_ms` <= 1 THEN 0 ELSE CAST(CEIL((LN(CAST(`r`.`latency_ms` AS FLOAT64)) / LN(CAST(1.05 AS FLOAT64)))) AS INT64) END ELSE NULL END AS `latency_bucket`,
  COUNT(*) AS `rows`,
  COUNT(*) AS `requests`,
  SUM(`r`.`input_tokens`) AS `input_tokens`,
  SUM(`r`.`output_tokens`) AS `output_tokens`,
  COALESCE(SUM(`r`.`spend`), 0) AS `cost`,
  SUM(CASE WHEN `r`.`spend` IS NULL THEN `r`.`input_tokens` ELSE 0 END) AS `unpriced_input_tokens`,
  SUM(CASE WHEN `r`.`spend` IS NULL THEN `r`.`output_tokens` ELSE 0 END) AS `unpriced_output_tokens`,
  SUM(`r`.`failed`) AS `failures`,
  MIN(`r`.`request_id`) AS `example`
FROM (
  SELECT
    CASE WHEN `u`.`startTime` IS NULL THEN 'startTime is empty' WHEN `u`.`prompt_tokens` < 0 THEN 'prompt_tokens is negative' WHEN `u`.`prompt_tokens` > 1000000000000000 THEN 'prompt_tokens is out of range' WHEN `u`.`completion_tokens` < 0 THEN 'completion_tokens is negative' WHEN `u`.`completion_tokens` > 1000000000000000 THEN 'completion_tokens is out of range' WHEN `u`.`spend` < 0 THEN 'negative cost in spend' WHEN `u`.`spend` > 1000000000000 THEN 'spend is out of range' WHEN `u`.`request_duration_ms` < 0 THEN 'request_duration_ms is negative' WHEN `u`.`request_duration_ms` > 1000000000000000 THEN 'request_duration_ms is out of range' ELSE NULL END AS `rejected`,
    `u`.`startTime` AS `time`,
    `u`.`request_id` AS `request_id`,
    `u`.`model_group` AS `model_group`,
    `u`.`model_id` AS `model_id`,
    `u`.`model` AS `model`,
    `u`.`custom_llm_provider` AS `provider`,
    `u`.`api_base` AS `api_base`,
    CASE WHEN CAST(`u`.`request_tags` AS STRING) LIKE '%tierplan%' THEN CAST(`u`.`request_tags` AS STRING) ELSE NULL END AS `tags`,
    CASE WHEN CAST(`u`.`metadata` AS STRING) LIKE '%tierplan%' THEN CONCAT('[', COALESCE(JSON_QUERY(`u`.`metadata`, '$."tags"'), 'null'), ',', COALESCE(JSON_QUERY(`u`.`metadata`, '$."requester_metadata"'), 'null'), ',', COALESCE(JSON_QUERY(`u`.`metadata`, '$."user_api_key_metadata"'), 'null'), ',', COALESCE(JSON_QUERY(`u`.`metadata`, '$."spend_logs_metadata"'), 'null'), ',{', '"tierplan-uc":', COALESCE(JSON_QUERY(`u`.`metadata`, '$."tierplan-uc"'), 'null'), ',"tierplan_uc":', COALESCE(JSON_QUERY(`u`.`metadata`, '$."tierplan_uc"'), 'null'), ',"tierplan-tier":', COALESCE(JSON_QUERY(`u`.`metadata`, '$."tierplan-tier"'), 'null'), ',"tierplan_tier":', COALESCE(JSON_QUERY(`u`.`metadata`, '$."tierplan_tier"'), 'null'), '}]') ELSE NULL END AS `metadata_tags`,
    CASE WHEN `u`.`request_duration_ms` IS NOT NULL THEN FLOOR((CAST(`u`.`request_duration_ms` AS FLOAT64) + 0.5)) WHEN `u`.`endTime` IS NOT NULL THEN GREATEST(0, (UNIX_MILLIS(`u`.`endTime`) - UNIX_MILLIS(`u`.`startTime`))) ELSE NULL END AS `latency_ms`,
    COALESCE(`u`.`prompt_tokens`, 0) AS `input_tokens`,
    COALESCE(`u`.`completion_tokens`, 0) AS `output_tokens`,
    `u`.`spend` AS `spend`,
    CASE WHEN LOWER(`u`.`status`) IN ('failure', 'failed', 'error', 'fail') THEN 1 ELSE 0 END AS `failed`
  FROM `LiteLLM_SpendLogs` AS `u`
  WHERE (`u`.`startTime` >= TIMESTAMP '2025-10-01 00:00:00') AND (`u`.`startTime` < TIMESTAMP '2026-04-01 00:00:00')
) AS `r`
GROUP BY CASE WHEN `r`.`rejected` IS NULL THEN FORMAT_TIMESTAMP('%Y-%m', `r`.`time`) ELSE NULL END, `r`.`rejected`, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model_group` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model_id` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`model` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`provider` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`api_base` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`tags` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN `r`.`metadata_tags` ELSE NULL END, CASE WHEN `r`.`rejected` IS NULL THEN CASE WHEN `r`.`latency_ms` IS NULL THEN NULL WHEN `r`.`latency_ms` <= 1 THEN 0 ELSE CAST(CEIL((LN(CAST(`r`.`latency_ms` AS FLOAT64)) / LN(CAST(1.05 AS FLOAT64)))) AS INT64) END ELSE NULL END
ORDER BY MIN(`r`.`time`), MIN(`r`.`request_id`)
