SELECT
  1 AS "tierplan_aggregate",
  'litellm' AS "source",
  CASE WHEN "r"."rejected" IS NULL THEN SUBSTR("r"."date", 1, 7) ELSE NULL END AS "month",
  "r"."rejected" AS "rejected",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."model_group" ELSE NULL END AS "model_group",
  NULL AS "model_id",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."model" ELSE NULL END AS "model",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."provider" ELSE NULL END AS "provider",
  CASE WHEN "r"."rejected" IS NULL THEN "r"."api_base" ELSE NULL END AS "api_base",
  NULL AS "region",
  NULL AS "tags",
  NULL AS "metadata_tags",
  NULL AS "latency_bucket",
  COUNT(*) AS "rows",
  SUM("r"."requests") AS "requests",
  SUM("r"."input_tokens") AS "input_tokens",
  SUM("r"."output_tokens") AS "output_tokens",
  COALESCE(SUM("r"."spend"), 0) AS "cost",
  SUM(CASE WHEN "r"."spend" IS NULL THEN "r"."input_tokens" ELSE 0 END) AS "unpriced_input_tokens",
  SUM(CASE WHEN "r"."spend" IS NULL THEN "r"."output_tokens" ELSE 0 END) AS "unpriced_output_tokens",
  SUM("r"."failed") AS "failures",
  NULL AS "example"
FROM (
  SELECT
    CASE WHEN "u"."date" IS NULL THEN 'date is empty' WHEN COALESCE("u"."prompt_tokens", 0) < 0 THEN 'prompt_tokens is negative' WHEN COALESCE("u"."completion_tokens", 0) < 0 THEN 'completion_tokens is negative' WHEN "u"."spend" < 0 THEN 'negative cost in spend' WHEN COALESCE("u"."api_requests", 0) < 0 THEN 'api_requests is negative' ELSE NULL END AS "rejected",
    TO_VARCHAR("u"."date") AS "date",
    "u"."model_group" AS "model_group",
    "u"."model" AS "model",
    "u"."custom_llm_provider" AS "provider",
    "u"."endpoint" AS "api_base",
    COALESCE("u"."api_requests", 0) AS "requests",
    COALESCE("u"."prompt_tokens", 0) AS "input_tokens",
    COALESCE("u"."completion_tokens", 0) AS "output_tokens",
    "u"."spend" AS "spend",
    COALESCE("u"."failed_requests", 0) AS "failed"
  FROM "LiteLLM_DailyTeamSpend" AS "u"
  WHERE ("u"."date" >= '2025-10-01') AND ("u"."date" < '2026-04-01')
) AS "r"
GROUP BY CASE WHEN "r"."rejected" IS NULL THEN SUBSTR("r"."date", 1, 7) ELSE NULL END, "r"."rejected", CASE WHEN "r"."rejected" IS NULL THEN "r"."model_group" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."model" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."provider" ELSE NULL END, CASE WHEN "r"."rejected" IS NULL THEN "r"."api_base" ELSE NULL END
ORDER BY MIN("r"."date")
