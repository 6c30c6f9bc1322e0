WITH ca_src AS (
  SELECT CAST("customer_id" AS VARCHAR) AS cid,
    CAST("ts" AS TIMESTAMP) AS ts,
    CAST("amount" AS DOUBLE) AS amt,
    CAST("order_id" AS VARCHAR) AS oid,
    CAST("kind" AS VARCHAR) AS knd
  FROM "analytics"."transactions" AS ca_t
),
ca_day AS (
  SELECT cid, ts, amt, oid, knd, CAST(ts AS DATE) AS dt
  FROM ca_src WHERE cid IS NOT NULL AND cid <> '' AND ts IS NOT NULL AND amt IS NOT NULL
),
ca_tx AS (
  SELECT cid, ts, dt, dt AS bk, oid,
    CASE WHEN amt < 0 OR knd = 'return' THEN -ABS(amt) ELSE amt END AS net,
    CASE WHEN amt < 0 OR knd = 'return' THEN 0 ELSE 1 END AS pur
  FROM ca_day WHERE dt <= DATE '1997-09-30'
),
ca_bucket AS (
  SELECT cid, bk, SUM(net) AS amount, MAX(pur) AS pur FROM ca_tx GROUP BY cid, bk
),
ca_period AS (
  SELECT cid, bk, amount, ROW_NUMBER() OVER (PARTITION BY cid ORDER BY bk) AS rn
  FROM ca_bucket WHERE pur = 1
),
ca_rep AS (
  SELECT cid, COUNT(*) - 1 AS frequency, MIN(bk) AS first_bk, MAX(bk) AS last_bk,
    SUM(CASE WHEN rn > 1 THEN amount ELSE 0 END) AS repeat_amount
  FROM ca_period GROUP BY cid
),
ca_cust AS (
  SELECT cid, SUM(net) AS spend,
    MIN(CASE WHEN pur = 1 THEN ts END) AS first_ts, MAX(CASE WHEN pur = 1 THEN ts END) AS last_ts,
    COUNT(DISTINCT CASE WHEN pur = 1 THEN oid END)
      + SUM(CASE WHEN pur = 1 AND oid IS NULL THEN 1 ELSE 0 END) AS orders
  FROM ca_tx GROUP BY cid
)
SELECT c.cid AS "customerId",
  CAST(r.frequency AS DOUBLE) AS "frequency",
  CAST(DATEDIFF('day', r.first_bk, r.last_bk) AS DOUBLE) / 30.4375 AS "recency",
  CAST(DATEDIFF('day', r.first_bk, DATE '1997-09-30') AS DOUBLE) / 30.4375 AS "T",
  CASE WHEN r.frequency > 0 THEN r.repeat_amount / r.frequency ELSE CAST(0 AS DOUBLE) END AS "monetaryValue",
  CAST(c.orders AS DOUBLE) AS "orders",
  c.spend AS "totalSpend",
  c.first_ts AS "firstPurchase",
  c.last_ts AS "lastPurchase",
  CAST(DATEDIFF('day', CAST(c.last_ts AS DATE), DATE '1997-09-30') AS DOUBLE) AS "daysSinceLastPurchase"
FROM ca_cust c JOIN ca_rep r ON r.cid = c.cid
ORDER BY c.cid
