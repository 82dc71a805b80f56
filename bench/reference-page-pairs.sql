-- Hand-written reference for the export bench's page-goal comparison: reference-pairs.sql's pair
-- counts with one more micro goal, view_apparel (bench/merch-project-dir.ts PAGE_GOAL): a
-- page_view whose page path (page_location without scheme, host, query and fragment; '/' when
-- empty) contains '/apparel/' in any case. page_location is found once, on page views only.
-- The bench substitutes {{files}} and runs it with the same DuckDB settings as filesReport.
WITH ev AS (
  SELECT COALESCE(user_id, user_pseudo_id) AS u, event_timestamp AS t,
    CASE WHEN event_name <> 'page_view' THEN event_name
      WHEN STRPOS(LOWER(COALESCE(NULLIF(regexp_extract(
        event_params[list_position(list_transform(event_params, lambda p: p.key), 'page_location')].value.string_value,
        '^[^:/?#]+://[^/?#]*(/[^?#]*)', 1), ''), '/')), '/apparel/') > 0 THEN 'view_apparel'
    END AS g
  FROM read_parquet({{files}}, union_by_name = true)
  WHERE event_name IN ('purchase', 'view_item', 'add_to_cart', 'begin_checkout', 'add_shipping_info',
                       'add_payment_info', 'view_promotion', 'select_item', 'view_search_results', 'page_view')
),
conversions AS (SELECT DISTINCT u, t FROM ev WHERE g = 'purchase'),
steps AS (SELECT u, t, g FROM ev WHERE g IS NOT NULL AND g <> 'purchase')
SELECT s.g AS micro, COUNT(DISTINCT c.u) AS users
FROM conversions c JOIN steps s ON s.u = c.u AND s.t < c.t AND s.t >= c.t - 604800000000
GROUP BY s.g
ORDER BY s.g;
