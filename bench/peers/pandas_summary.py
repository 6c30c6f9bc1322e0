"""Peer for bench/scale.bench.ts: the per-customer BTYD summary of a transactions CSV in pandas.

Usage: /usr/bin/python3 bench/peers/pandas_summary.py FILE OBSERVATION_END UNIT [--out SUMMARY.csv]

FILE has columns customer_id,date,amount (bench/generate.ts; gzip read by extension).
OBSERVATION_END is the last observed day (yyyy-mm-dd, inclusive); UNIT is day or week.

The same work as summarizeCustomers(..., { collapse: 'day' }) and lifetimes'
summary_data_from_transaction_data: rows on one customer-day merge (amounts add, so a
same-day return nets against its purchase); frequency = purchase days - 1; recency = (last
day - first day) / unit days; T = (observation end - first day) / unit days; monetary value
= mean net amount of the repeat days (0 without repeats); orders = purchase rows (amount >= 0);
total spend = sum of all amounts. Days that hold only returns are not purchase days.

Prints one JSON line: seconds (perf_counter around read + summary only, not the imports),
cpuSeconds (process_time around the same work), peakRssMB (getrusage max RSS of this
process), customers and a checksum of the summary
(sums of frequency, recency and T in days, orders, monetary value, total spend) that the
bench compares with the JS and DuckDB summaries of the same file.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd


def summarize(path, end, days_per_unit):
    df = pd.read_csv(
        path,
        usecols=["customer_id", "date", "amount"],
        dtype={"customer_id": str, "amount": np.float64},
        parse_dates=["date"],
    )
    df["purchase"] = df["amount"] >= 0
    daily = df.groupby(["customer_id", "date"], sort=True).agg(
        amount=("amount", "sum"), purchase=("purchase", "any"), orders=("purchase", "sum")
    )
    daily = daily.reset_index()
    totals = daily.groupby("customer_id", sort=False).agg(
        total_spend=("amount", "sum"), orders=("orders", "sum")
    )
    days = daily[daily["purchase"]]
    by = days.groupby("customer_id", sort=False)
    first = by["date"].transform("min")
    repeat_amount = days["amount"].where(days["date"] != first, 0.0)
    out = pd.DataFrame(
        {
            "first": by["date"].min(),
            "last": by["date"].max(),
            "frequency": by.size() - 1,
            "repeat_sum": repeat_amount.groupby(days["customer_id"], sort=False).sum(),
        }
    )
    out = out.join(totals, how="left")
    unit_days = float(days_per_unit)
    recency_days = (out["last"] - out["first"]).dt.days
    t_days = (end - out["first"]).dt.days
    out["recency"] = recency_days / unit_days
    out["T"] = t_days / unit_days
    freq = out["frequency"]
    out["monetary_value"] = np.where(freq > 0, out["repeat_sum"] / freq.where(freq > 0, 1), 0.0)
    out["recency_days"] = recency_days
    out["t_days"] = t_days
    return out


def main():
    args = sys.argv[1:]
    out_path = None
    if "--out" in args:
        i = args.index("--out")
        out_path = args[i + 1]
        del args[i : i + 2]
    path, end_text, unit = args
    days_per_unit = {"day": 1, "week": 7}[unit]
    end = pd.Timestamp(end_text)
    t0 = time.perf_counter()
    c0 = time.process_time()
    s = summarize(path, end, days_per_unit)
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if out_path is not None:
        s[["frequency", "recency", "T", "monetary_value", "orders", "total_spend"]].to_csv(
            out_path, float_format="%.17g"
        )
    checksum = {
        "customers": int(len(s)),
        "frequency": int(s["frequency"].sum()),
        "recencyDays": int(s["recency_days"].sum()),
        "TDays": int(s["t_days"].sum()),
        "orders": int(s["orders"].sum()),
        "monetaryValue": float(s["monetary_value"].sum()),
        "totalSpend": float(s["total_spend"].sum()),
    }
    result = {"seconds": seconds, "cpuSeconds": cpu_seconds, "peakRssMB": peak}
    print(json.dumps({**result, "customers": len(s), "checksum": checksum}))


if __name__ == "__main__":
    main()
