-- Hand-written reference for the export bench: the merch project's pair counts (users with a
-- purchase preceded by a micro goal event of theirs within 7 days before it) over the export files.
-- The bench substitutes {{files}} and runs it with the same DuckDB settings as filesReport.
WITH ev AS (
  SELECT COALESCE(user_id, user_pseudo_id) AS u, event_timestamp AS t, event_name AS g
  FROM read_parquet({{files}}, union_by_name = true)
  WHERE event_name IN ('purchase', 'view_item', 'add_to_cart', 'begin_checkout', 'add_shipping_info',
                       'add_payment_info', 'view_promotion', 'select_item', 'view_search_results')
),
conversions AS (SELECT DISTINCT u, t FROM ev WHERE g = 'purchase'),
steps AS (SELECT u, t, g FROM ev WHERE g <> 'purchase')
SELECT s.g AS micro, COUNT(DISTINCT c.u) AS users
FROM conversions c JOIN steps s ON s.u = c.u AND s.t < c.t AND s.t >= c.t - 604800000000
GROUP BY s.g
ORDER BY s.g;
