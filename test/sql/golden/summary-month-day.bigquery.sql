WITH ca_src AS (
  SELECT CAST(`customer_id` AS STRING) AS cid,
    CAST(`ts` AS TIMESTAMP) AS ts,
    CAST(`amount` AS FLOAT64) AS amt,
    CAST(`order_id` AS STRING) AS oid,
    CAST(`kind` AS STRING) AS knd
  FROM `analytics`.`transactions` AS ca_t
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
  SELECT cid, bk, SUM(net) AS amount, MAX(pur) AS pur,
    MIN(CASE WHEN pur = 1 THEN ts END) AS bk_first_ts,
    MAX(CASE WHEN pur = 1 THEN ts END) AS bk_last_ts,
    SUM(CASE WHEN pur = 1 AND oid IS NULL THEN 1 ELSE 0 END) AS bk_no_oid
  FROM ca_tx GROUP BY cid, bk
),
ca_ranked AS (
  SELECT cid, bk, amount, pur, bk_first_ts, bk_last_ts, bk_no_oid,
    MIN(CASE WHEN pur = 1 THEN bk END) OVER (PARTITION BY cid) AS cust_first_bk
  FROM ca_bucket
),
ca_cust AS (
  SELECT cid, SUM(amount) AS spend,
    MIN(bk_first_ts) AS first_ts, MAX(bk_last_ts) AS last_ts,
    SUM(bk_no_oid) AS no_oid, SUM(pur) - 1 AS frequency,
    MIN(cust_first_bk) AS first_bk, MAX(CASE WHEN pur = 1 THEN bk END) AS last_bk,
    SUM(CASE WHEN pur = 1 AND bk > cust_first_bk THEN amount ELSE 0 END) AS repeat_amount
  FROM ca_ranked GROUP BY cid
),
ca_order AS (
  SELECT cid, COUNT(DISTINCT oid) AS n FROM ca_tx
  WHERE pur = 1 AND oid IS NOT NULL GROUP BY cid
)
SELECT c.cid AS `customerId`,
  CAST(c.frequency AS FLOAT64) AS `frequency`,
  CAST(DATE_DIFF(c.last_bk, c.first_bk, DAY) AS FLOAT64) / 30.4375 AS `recency`,
  CAST(DATE_DIFF(DATE '1997-09-30', c.first_bk, DAY) AS FLOAT64) / 30.4375 AS `T`,
  CASE WHEN c.frequency > 0 THEN c.repeat_amount / c.frequency ELSE CAST(0 AS FLOAT64) END AS `monetaryValue`,
  CAST(c.no_oid + COALESCE(o.n, 0) AS FLOAT64) AS `orders`,
  c.spend AS `totalSpend`,
  c.first_ts AS `firstPurchase`,
  c.last_ts AS `lastPurchase`,
  CAST(DATE_DIFF(DATE '1997-09-30', CAST(c.last_ts AS DATE), DAY) AS FLOAT64) AS `daysSinceLastPurchase`
FROM ca_cust c LEFT JOIN ca_order o ON o.cid = c.cid
WHERE c.frequency >= 0
ORDER BY c.cid
