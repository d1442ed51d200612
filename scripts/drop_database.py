"""Drop the PostgreSQL database DATABASE_URL names, if it exists, so that the next
scripts/stack.sh creates it afresh with the demo content (load.sh, journeys.sh)."""

import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" not in db["ENGINE"]:
    raise SystemExit(f"not a PostgreSQL address: {os.environ['DATABASE_URL']}")
params = {key: value for key, value in {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER"),
                                        "password": db.get("PASSWORD")}.items() if value not in (None, "")}
with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **params) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["NAME"])))
print(f"dropped database {db['NAME']}")
