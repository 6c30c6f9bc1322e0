WITH src AS (
  SELECT CAST(`CustomerID` AS STRING) AS cid, `InvoiceDate` AS ts,
    CAST((Quantity * UnitPrice) AS DOUBLE) AS amount, CAST(`InvoiceNo` AS STRING) AS oid,
    CAST(CAST(NULL AS STRING) AS STRING) AS kind
  FROM `retail`.`line_items` AS ca_t
),
dated AS (
  SELECT cid, amount, NULLIF(oid, '') AS oid, kind,
    CASE WHEN kind = 'return' OR (kind IS NULL AND amount < 0) THEN 1 ELSE 0 END AS ret,
    CAST(FLOOR((CAST(datediff(CAST(ts AS DATE), DATE '1970-01-01') AS BIGINT) + 3) / 7.0) AS BIGINT) AS p
  FROM src
),
tx AS (
  SELECT cid, amount, oid, ret, p FROM dated
  WHERE cid IS NOT NULL AND amount IS NOT NULL AND p IS NOT NULL
),
pairs AS (
  SELECT cid, p, COUNT(DISTINCT oid) + SUM(CASE WHEN oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM tx WHERE ret = 0 GROUP BY cid, p
),
firsts AS (SELECT cid, MIN(p) AS a FROM pairs GROUP BY cid)
SELECT COUNT(*) AS `transactions`, COUNT(DISTINCT t.cid) AS `customers`,
  COALESCE(SUM(t.amount), 0) AS `revenue`
FROM tx t LEFT JOIN firsts f ON f.cid = t.cid
WHERE f.a IS NULL OR t.p < f.a
