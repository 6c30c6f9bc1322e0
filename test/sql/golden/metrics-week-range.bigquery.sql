WITH src AS (
  SELECT CAST(`CustomerID` AS STRING) AS cid, `InvoiceDate` AS ts,
    CAST((Quantity * UnitPrice) AS FLOAT64) AS amount, CAST(`InvoiceNo` AS STRING) AS oid,
    CAST(CAST(NULL AS STRING) AS STRING) AS kind
  FROM `retail`.`line_items` AS ca_t
),
dated AS (
  SELECT cid, amount, NULLIF(oid, '') AS oid, kind,
    CASE WHEN kind = 'return' OR (kind IS NULL AND amount < 0) THEN 1 ELSE 0 END AS ret,
    CAST(FLOOR((UNIX_DATE(CAST(ts AS DATE)) + 3) / 7.0) AS INT64) AS p
  FROM src
),
tx AS (
  SELECT cid, amount, oid, ret, p FROM dated
  WHERE cid IS NOT NULL AND amount IS NOT NULL AND p IS NOT NULL AND p >= 2135 AND p <= 2188
),
bounds AS (
  SELECT 2135 AS lo, 2188 AS hi FROM (SELECT MIN(p) AS min_p, MAX(p) AS max_p FROM tx) AS t
),
series AS (SELECT p FROM bounds, UNNEST(GENERATE_ARRAY(lo, hi)) AS p),
money AS (
  SELECT p, SUM(amount) AS revenue,
    SUM(CASE WHEN ret = 0 THEN amount ELSE 0 END) AS gross,
    COUNT(DISTINCT CASE WHEN ret = 0 THEN oid END) + SUM(CASE WHEN ret = 0 AND oid IS NULL THEN 1 ELSE 0 END) AS orders,
    COUNT(DISTINCT CASE WHEN ret = 1 THEN oid END) + SUM(CASE WHEN ret = 1 AND oid IS NULL THEN 1 ELSE 0 END) AS returned
  FROM tx GROUP BY p
),
pairs AS (
  SELECT cid, p, COUNT(DISTINCT oid) + SUM(CASE WHEN oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM tx WHERE ret = 0 GROUP BY cid, p
),
flow AS (
  SELECT cid, p, orders, MIN(p) OVER (PARTITION BY cid) AS first_p,
    LEAD(p) OVER (PARTITION BY cid ORDER BY p) AS next_p
  FROM pairs
),
counts AS (
  SELECT p, COUNT(*) AS active, SUM(CASE WHEN p = first_p THEN 1 ELSE 0 END) AS new_customers,
    SUM(CASE WHEN orders >= 2 THEN 1 ELSE 0 END) AS repeaters
  FROM flow GROUP BY p
),
lost AS (
  SELECT q AS p, COUNT(*) AS churned
  FROM (SELECT p + 1 AS q FROM flow WHERE next_p IS NULL OR next_p - p > 1) AS gone
  GROUP BY q
)
SELECT
  CONCAT(LPAD(CAST(CAST(EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(7 * (s.p))) AS INT64) AS STRING), 4, '0'), '-W', LPAD(CAST(CAST(FLOOR((EXTRACT(DAYOFYEAR FROM DATE_FROM_UNIX_DATE(7 * (s.p))) - 1) / 7.0) AS INT64) + 1 AS STRING), 2, '0')) AS `period`,
  DATE_FROM_UNIX_DATE(7 * (s.p) - 3) AS `start`,
  DATE_FROM_UNIX_DATE(7 * (s.p + 1) - 3) AS `end`,
  COALESCE(c.active, 0) AS `activeCustomers`,
  COALESCE(c.new_customers, 0) AS `newCustomers`,
  COALESCE(c.active, 0) - COALESCE(c.new_customers, 0) AS `returningCustomers`,
  COALESCE(m.orders, 0) AS `orders`,
  COALESCE(m.returned, 0) AS `returnedOrders`,
  COALESCE(m.revenue, 0) AS `revenue`,
  COALESCE(m.gross, 0) AS `grossRevenue`,
  CASE WHEN COALESCE(m.orders, 0) = 0 THEN NULL ELSE m.revenue / m.orders END AS `averageOrderValue`,
  CASE WHEN COALESCE(c.active, 0) = 0 THEN NULL ELSE CAST(c.repeaters AS FLOAT64) / c.active END AS `repeatRate`,
  CASE WHEN s.p = b.lo THEN 0 ELSE COALESCE(b0.active, 0) END AS `customersAtStart`,
  CASE WHEN s.p = b.lo THEN 0 WHEN s.p + 0 > b.hi THEN NULL ELSE COALESCE(l.churned, 0) END AS `churnedCustomers`,
  CASE WHEN s.p = b.lo OR s.p + 0 > b.hi OR COALESCE(b0.active, 0) = 0 THEN NULL
    ELSE CAST(COALESCE(l.churned, 0) AS FLOAT64) / b0.active END AS `churnRate`
FROM series s
CROSS JOIN bounds b
LEFT JOIN counts c ON c.p = s.p
LEFT JOIN counts b0 ON b0.p = s.p - 1
LEFT JOIN money m ON m.p = s.p
LEFT JOIN lost l ON l.p = s.p
ORDER BY s.p
