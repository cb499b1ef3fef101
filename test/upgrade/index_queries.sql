-- Lookups through the indexes of data.sql: equality on the mixed-metric
-- btree index, ORDER BY through it, range conditions on the one-metric
-- index, hash partition routing and pruning.  One line per query.
SELECT 'eq', md5(string_agg(id::text, ',' ORDER BY id)), count(*) FROM responses
WHERE fb IN ('nps:9', 'csat:3/10', 'csat:5/5', 'ces:1/7');
SELECT 'eq-ces', count(*) FROM responses WHERE fb = 'ces:7/7';
SELECT 'order', md5(string_agg(fb::text || '/' || id, ',')) FROM
	(SELECT fb, id FROM responses WHERE fb IS NOT NULL ORDER BY fb, id LIMIT 3000) x;
SELECT 'range', md5(string_agg(id::text, ',' ORDER BY id)), count(*) FROM nps_only
WHERE fb >= 'nps:7' AND fb < 'nps:9';
SELECT 'first-last', (SELECT fb FROM nps_only ORDER BY fb LIMIT 1),
	   (SELECT fb FROM nps_only ORDER BY fb DESC LIMIT 1);
-- each partition holds the values whose hash routes there, and pruning
-- by the hash of a constant finds them
SELECT 'partitions', string_agg(n::text, ',' ORDER BY p) FROM
	(SELECT tableoid::regclass::text AS p, count(*) AS n FROM by_hash GROUP BY 1) x;
SELECT 'pruned', (SELECT count(*) FROM by_hash WHERE fb = 'csat:3/10'),
	   (SELECT count(*) FROM by_hash WHERE fb = 'nps:9'),
	   (SELECT count(*) FROM by_hash WHERE fb = 'ces:7/7');
