WITH src AS (
  SELECT CAST(`CustomerID` AS STRING) AS cid, `InvoiceDate` AS ts,
    CAST((Quantity * UnitPrice) AS FLOAT64) AS amount, CAST(`InvoiceNo` AS STRING) AS oid,
    CAST(CAST(NULL AS STRING) AS STRING) AS kind
  FROM `retail`.`line_items` AS ca_t
),
dated AS (
  SELECT cid, amount, NULLIF(oid, '') AS oid, kind,
    CASE WHEN kind = 'return' OR (kind IS NULL AND amount < 0) THEN 1 ELSE 0 END AS ret,
    (CAST(EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(UNIX_DATE(CAST(ts AS DATE)))) AS INT64) * 4 + CAST(FLOOR((CAST(EXTRACT(MONTH FROM DATE_FROM_UNIX_DATE(UNIX_DATE(CAST(ts AS DATE)))) AS INT64) - 1) / 3.0) AS INT64)) AS p
  FROM src
),
tx AS (
  SELECT cid, amount, oid, ret, p FROM dated
  WHERE cid IS NOT NULL AND amount IS NOT NULL AND p IS NOT NULL
),
bounds AS (
  SELECT min_p AS lo, max_p AS hi FROM (SELECT MIN(p) AS min_p, MAX(p) AS max_p FROM tx) AS t
),
series AS (SELECT p FROM bounds, UNNEST(GENERATE_ARRAY(lo, hi)) AS p),
pairs AS (
  SELECT cid, p, COUNT(DISTINCT oid) + SUM(CASE WHEN oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM tx WHERE ret = 0 GROUP BY cid, p
),
firsts AS (SELECT cid, MIN(p) AS a FROM pairs GROUP BY cid),
sizes AS (SELECT a, COUNT(*) AS customers FROM firsts GROUP BY a),
activity AS (
  SELECT f.a, pr.p, COUNT(*) AS active, SUM(pr.orders) AS orders
  FROM pairs pr JOIN firsts f ON f.cid = pr.cid GROUP BY f.a, pr.p
),
money AS (
  SELECT f.a, t.p, SUM(t.amount) AS revenue
  FROM tx t JOIN firsts f ON f.cid = t.cid WHERE t.p >= f.a GROUP BY f.a, t.p
)
SELECT
  CONCAT(LPAD(CAST(CAST(FLOOR((z.a) / 4.0) AS INT64) AS STRING), 4, '0'), '-Q', CAST((z.a) - 4 * CAST(FLOOR((z.a) / 4.0) AS INT64) + 1 AS STRING)) AS `cohort`,
  DATE(CAST(CAST(FLOOR((z.a) / 4.0) AS INT64) AS INT64), CAST(3 * ((z.a) - 4 * CAST(FLOOR((z.a) / 4.0) AS INT64)) + 1 AS INT64), 1) AS `start`,
  z.customers AS `customers`,
  s.p - z.a AS `offset`,
  CONCAT(LPAD(CAST(CAST(FLOOR((s.p) / 4.0) AS INT64) AS STRING), 4, '0'), '-Q', CAST((s.p) - 4 * CAST(FLOOR((s.p) / 4.0) AS INT64) + 1 AS STRING)) AS `period`,
  COALESCE(c.active, 0) AS `activeCustomers`,
  CAST(COALESCE(c.active, 0) AS FLOAT64) / z.customers AS `retentionRate`,
  COALESCE(c.orders, 0) AS `orders`,
  COALESCE(m.revenue, 0) AS `revenue`
FROM sizes z
JOIN series s ON s.p >= z.a
LEFT JOIN activity c ON c.a = z.a AND c.p = s.p
LEFT JOIN money m ON m.a = z.a AND m.p = s.p
ORDER BY z.a, s.p
