/*
 * cxsat 0.1.0 -> 0.2.0.
 *
 * Only additions and CREATE OR REPLACE: nothing that user data, indexes or
 * views depend on is dropped or changed in its on-disk form.  Every
 * reference is schema-qualified as in the install script.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION cxsat UPDATE TO '0.2.0'" to load this file. \quit
