-- Every stored value and query answer an upgrade must not change, one line
-- each: text forms in order (md5) and the binary send form of each column.
SELECT 'responses', count(*), md5(string_agg(t::text, E'\n' ORDER BY id)),
	   md5(string_agg(coalesce(encode(feedback_send(fb), 'hex'), '-'), ',' ORDER BY id))
FROM responses t;
SELECT 'rollup', count(*), md5(string_agg(t::text, E'\n' ORDER BY month, segment)),
	   md5(string_agg(encode(feedback_summary_send(s), 'hex') || '/' ||
					  coalesce(encode(feedback_summary_send(weighted), 'hex'), '-'), ',' ORDER BY month, segment))
FROM rollup t;
SELECT 'tallies', count(*), md5(string_agg(t::text, E'\n' ORDER BY id)),
	   md5(string_agg(coalesce(encode(feedback_tally_send(t), 'hex'), '-'), ',' ORDER BY id))
FROM tallies t;
SELECT 'daily', count(*), md5(string_agg(t::text, E'\n' ORDER BY day, segment)),
	   md5(string_agg(encode(feedback_summary_send(s), 'hex'), ',' ORDER BY day, segment))
FROM daily t;
SELECT 'view', count(*), md5(string_agg(t::text, E'\n' ORDER BY segment)) FROM segment_metrics t;
SELECT 'metrics', nps_agg(s), csat_agg(s), ces_agg(s), sum(responses(s)) FROM daily;
SELECT 'weighted', nps_agg(weighted), csat_agg(weighted), ces_agg(weighted) FROM rollup;
