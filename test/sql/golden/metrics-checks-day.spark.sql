WITH src AS (
  SELECT CAST(`CustomerID` AS STRING) AS cid, `InvoiceDate` AS ts,
    CAST((Quantity * UnitPrice) AS DOUBLE) AS amount, CAST(`InvoiceNo` AS STRING) AS oid,
    CAST(CAST(NULL AS STRING) AS STRING) AS kind
  FROM `retail`.`line_items` AS ca_t
),
dated AS (
  SELECT cid, amount, NULLIF(oid, '') AS oid, kind,
    CASE WHEN kind = 'return' OR (kind IS NULL AND amount < 0) THEN 1 ELSE 0 END AS ret,
    CAST(datediff(CAST(ts AS DATE), DATE '1970-01-01') AS BIGINT) AS p
  FROM src
),
tx AS (
  SELECT cid, amount, oid, ret, p FROM dated
  WHERE cid IS NOT NULL AND amount IS NOT NULL AND p IS NOT NULL
),
conflicts AS (
  SELECT COUNT(*) AS n, MIN(oid) AS example FROM (
    SELECT oid FROM dated WHERE oid IS NOT NULL AND cid IS NOT NULL
    GROUP BY oid HAVING COUNT(DISTINCT cid) > 1
  ) AS x
),
checks AS (
  SELECT COUNT(*) AS `rows`,
  SUM(CASE WHEN cid IS NULL OR TRIM(cid) = '' THEN 1 ELSE 0 END) AS `invalidCustomerRows`,
  MIN(CASE WHEN cid IS NULL OR TRIM(cid) = '' THEN cid END) AS `invalidCustomerValue`,
  SUM(CASE WHEN p IS NULL THEN 1 ELSE 0 END) AS `invalidDateRows`,
  MIN(CASE WHEN p IS NULL THEN cid END) AS `invalidDateCustomer`,
  SUM(CASE WHEN amount IS NULL OR (isnan(amount) OR amount IN (CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE))) THEN 1 ELSE 0 END) AS `invalidAmountRows`,
  MIN(CASE WHEN amount IS NULL OR (isnan(amount) OR amount IN (CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE))) THEN cid END) AS `invalidAmountCustomer`,
  MIN(CASE WHEN amount IS NULL OR (isnan(amount) OR amount IN (CAST('Infinity' AS DOUBLE), CAST('-Infinity' AS DOUBLE))) THEN amount END) AS `invalidAmountValue`,
  SUM(CASE WHEN kind IS NOT NULL AND kind NOT IN ('purchase', 'return') THEN 1 ELSE 0 END) AS `invalidKindRows`,
  MIN(CASE WHEN kind IS NOT NULL AND kind NOT IN ('purchase', 'return') THEN cid END) AS `invalidKindCustomer`,
  MIN(CASE WHEN kind IS NOT NULL AND kind NOT IN ('purchase', 'return') THEN kind END) AS `invalidKindValue`,
  SUM(CASE WHEN (kind = 'return' AND amount > 0) OR (kind = 'purchase' AND amount < 0) THEN 1 ELSE 0 END) AS `signMismatchRows`,
  MIN(CASE WHEN (kind = 'return' AND amount > 0) OR (kind = 'purchase' AND amount < 0) THEN cid END) AS `signMismatchCustomer`,
  MIN(CASE WHEN (kind = 'return' AND amount > 0) OR (kind = 'purchase' AND amount < 0) THEN amount END) AS `signMismatchValue`,
  SUM(CASE WHEN p IS NOT NULL AND 1 = 0 THEN 1 ELSE 0 END) AS `outOfRangeRows`,
  MIN(CASE WHEN p IS NOT NULL AND 1 = 0 THEN cid END) AS `outOfRangeCustomer`,
  MIN(CASE WHEN p IS NOT NULL AND 1 = 0 THEN p END) AS `outOfRangePeriod`,
  MIN(p) AS `minPeriod`, MAX(p) AS `maxPeriod`
  FROM dated
)
SELECT checks.*, conflicts.n AS `orderConflicts`, conflicts.example AS `orderConflictValue`
FROM checks CROSS JOIN conflicts
