
# Crash recovery: stop the server in immediate mode (no shutdown
# checkpoint: every backend is killed and the next start replays the WAL)
# in the middle of a REFRESH MATERIALIZED VIEW, of a REFRESH ... CONCURRENTLY,
# and of a stream of transactions that insert responses and merge their
# summary into a rollup table by upsert.  After each restart:
#  - the view holds exactly what it held before the interrupted refresh,
#    and a new refresh makes it equal to a recomputation from the raw rows;
#  - every acknowledged commit of the stream survived, and the rollup table
#    equals the summary of the raw rows, day by day (the upsert commits or
#    vanishes with its insert);
#  - the indexes of the view and the tables pass amcheck.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use IPC::Run;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('crash');
$node->init;
$node->append_conf('postgresql.conf', qq{
log_statement = none
shared_buffers = 16MB
});
$node->start;

$node->safe_psql('postgres', q{
CREATE EXTENSION cxsat;
CREATE EXTENSION amcheck;
CREATE TABLE responses (id bigserial PRIMARY KEY, day date NOT NULL, fb feedback NOT NULL);
CREATE TABLE rollup (day date PRIMARY KEY, s feedback_summary NOT NULL);
INSERT INTO responses (day, fb)
SELECT date '2024-01-01' + g % 40,
	   CASE g % 3 WHEN 0 THEN feedback('nps', g % 11)
				  WHEN 1 THEN feedback('csat', g % 5 + 1)
				  ELSE feedback('ces', g % 7 + 1) END
FROM generate_series(1, 60000) g;
INSERT INTO rollup SELECT day, feedback_agg(fb) FROM responses GROUP BY day;
-- a refresh long enough to be caught in the middle: each group waits a
-- little, as a slow refresh over a large table would
CREATE FUNCTION slowly(d date) RETURNS date LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.pg_sleep(0.03);
	RETURN d;
END $$;
CREATE MATERIALIZED VIEW daily AS
SELECT slowly(day) AS day, feedback_agg(fb) AS s FROM responses GROUP BY day;
CREATE UNIQUE INDEX daily_day ON daily (day);
});

# the view against a recomputation from the raw rows: mismatching days
my $view_vs_raw = q{
SELECT count(*) FROM daily d
FULL JOIN (SELECT day, feedback_agg(fb) AS s FROM responses GROUP BY day) r USING (day)
WHERE d.s IS DISTINCT FROM r.s};
my $rollup_vs_raw = q{
SELECT count(*) FROM rollup u
FULL JOIN (SELECT day, feedback_agg(fb) AS s FROM responses GROUP BY day) r USING (day)
WHERE u.s IS DISTINCT FROM r.s};
# amcheck every btree index of the three relations, heap included: raises
# an error on any inconsistency, else prints the number checked
my $indexes_ok = q{
SELECT count(*) FROM (
	SELECT bt_index_check(i.indexrelid, true)
	FROM pg_index i
	WHERE i.indrelid IN ('responses'::regclass, 'rollup'::regclass, 'daily'::regclass)) c};

sub indexes_pass
{
	my ($ret, $out, $err) = $node->psql('postgres', $indexes_ok);
	diag($err) if $ret != 0;
	return $ret == 0 && $out eq '3';
}

# wait until a statement that starts with $prefix is running
sub wait_for_query
{
	my ($prefix) = @_;
	return $node->poll_query_until('postgres', qq{
SELECT count(*) > 0 FROM pg_stat_activity
WHERE state = 'active' AND query LIKE '$prefix%'});
}

# A refresh that crashes: the view must keep its old contents.
for my $concurrently (0, 1)
{
	my $what = $concurrently ? 'REFRESH ... CONCURRENTLY' : 'REFRESH';
	my $refresh = 'REFRESH MATERIALIZED VIEW ' . ($concurrently ? 'CONCURRENTLY ' : '') . 'daily';

	$node->safe_psql('postgres', q{
DROP TABLE IF EXISTS view_before;
CREATE TABLE view_before AS SELECT * FROM daily;
INSERT INTO responses (day, fb) SELECT date '2024-01-01' + g % 45, feedback('nps', 10)
FROM generate_series(1, 3000) g;
INSERT INTO rollup AS t SELECT day, feedback_agg(fb) FROM responses
WHERE id > (SELECT max(id) - 3000 FROM responses) GROUP BY day
ON CONFLICT (day) DO UPDATE SET s = merge(t.s, excluded.s);});

	my $session = $node->background_psql('postgres', on_error_stop => 0);
	$session->query_until(qr/started/, "\\echo started\n$refresh;\n");
	ok(wait_for_query('REFRESH MATERIALIZED VIEW'), "$what: caught running");
	$node->stop('immediate');
	eval { $session->quit; };
	$node->start;

	is($node->safe_psql('postgres', q{
SELECT count(*) FROM daily d FULL JOIN view_before b USING (day)
WHERE d.s IS DISTINCT FROM b.s}), '0',
		"$what interrupted by a crash: the view holds exactly its old contents");
	isnt($node->safe_psql('postgres', $view_vs_raw), '0',
		"$what interrupted: the new responses are not in the view yet");
	is($node->safe_psql('postgres', $rollup_vs_raw), '0',
		"$what interrupted: the rollup table equals the raw rows");
	$node->safe_psql('postgres', $refresh);
	is($node->safe_psql('postgres', $view_vs_raw), '0',
		"$what after recovery: the view equals a recomputation from the raw rows");
	ok(indexes_pass(), "$what after recovery: indexes pass amcheck");
}

# A stream of insert + upsert transactions, killed in the middle.
my $script = $node->basedir . '/stream.sql';
PostgreSQL::Test::Utils::append_to_file($script, q{
\set d random(0, 59)
\set x random(0, 1000000)
WITH ins AS (
	INSERT INTO responses (day, fb)
	VALUES (date '2024-01-01' + :d, feedback('nps', :x % 11)),
		   (date '2024-01-01' + (:d + 7) % 60, feedback('csat', :x % 5 + 1)),
		   (date '2024-01-01' + :d, feedback('ces', :x % 7 + 1))
	RETURNING day, fb)
INSERT INTO rollup AS t SELECT day, feedback_agg(fb) FROM ins GROUP BY day ORDER BY day
ON CONFLICT (day) DO UPDATE SET s = merge(t.s, excluded.s);
});

for my $round (1, 2)
{
	my $before = $node->safe_psql('postgres', 'SELECT count(*) FROM responses');
	my ($out, $err) = ('', '');
	my $clients = 3;
	my $bench = IPC::Run::start(
		[ 'pgbench', '-n', '-c', $clients, '-T', '60', '-f', $script,
		  '-h', $node->host, '-p', $node->port, 'postgres' ],
		'>', \$out, '2>', \$err);
	ok($node->poll_query_until('postgres',
			"SELECT count(*) >= $before + 3000 FROM responses"),
		"stream $round: transactions are committing");
	$node->stop('immediate');
	$bench->finish;
	my ($acked) = $out =~ /number of transactions actually processed: (\d+)/;
	$acked = -1 unless defined $acked;
	$node->start;

	my $rows = $node->safe_psql('postgres', 'SELECT count(*) FROM responses') - $before;
	note("stream $round: pgbench saw $acked commits acknowledged; $rows rows after recovery");
	ok($acked > 0 && $rows >= 3 * $acked,
		"stream $round: every acknowledged transaction survived the crash ($acked acknowledged, "
		  . ($rows / 3) . " recovered)");
	ok($rows <= 3 * ($acked + $clients),
		"stream $round: no transaction beyond the in-flight ones appeared");
	is($rows % 3, 0, "stream $round: no transaction survived in part");
	is($node->safe_psql('postgres', $rollup_vs_raw), '0',
		"stream $round after recovery: the rollup equals the raw rows, day by day");
	is($node->safe_psql('postgres', q{
SELECT (SELECT sum(responses(s)) FROM rollup) = (SELECT count(*) FROM responses)}), 't',
		"stream $round after recovery: rollup total equals the raw row count");
	ok(indexes_pass(), "stream $round after recovery: indexes pass amcheck");
}

$node->safe_psql('postgres', 'REFRESH MATERIALIZED VIEW CONCURRENTLY daily');
is($node->safe_psql('postgres', $view_vs_raw), '0',
	'after all crashes: a concurrent refresh makes the view equal the raw rows');
$node->stop;
done_testing();
