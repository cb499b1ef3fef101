/*
 * cxsat 0.1.0: customer-experience metrics (NPS, CSAT, CES) for PostgreSQL.
 *
 * Safe in a hostile schema: every reference to the extension's own objects
 * is qualified with @extschema@ and every built-in with pg_catalog, and no
 * function depends on the caller's search_path.
 */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION cxsat" to load this file. \quit
