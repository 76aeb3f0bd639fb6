#!/usr/bin/env python3
"""make bench: wrk against the real stack, nothing in the test suite.

One nginx serves, on loopback ports:
  static    a saved copy of the article page, as a file (the ceiling)
  floor     the same bytes from build/fcgi_floor, a trivial libfcgi responder
            of our own behind the same nginx (the FastCGI floor)
  newsline  the article, home, category and a deep all-news page, caches on
  nocache   the same pages from workers started with page_cache = off and
            newsline_cache = off, so every request goes to MariaDB for all of it
  pagemiss  the article from workers with page_cache = off only: what a page
            not cached yet costs (the article from MariaDB, the news line
            from the worker's rendered copy)
  feed, sitemap day (nocache)
            the English RSS feed (50 articles with their bodies), cached and
            not, and the sitemap of a whole day (the fullest of the newest 5,000
            articles'), uncached
  article gzip
            the cached article asked for with Accept-Encoding: gzip (what
            nginx's compression costs, and its KB what it saves)
  micro     the article through the optional nginx micro-cache of
            nginx.conf.example (one second, stale while updating)
  2-query   build/reference_page: the issue's "straightforward C++ page doing
            two prepared-statement queries and a ctemplate render per
            request" (the article and 40 headlines, nothing else), measured
            here to set the caches-off pages against it on the same machine;
            and the same with one headline, the lightest such page
  article forged cookie / junk query / junk path
            the cached article with a made-up editor cookie, and with a query
            string never sent before on every request (bench_junk_query.lua);
            a path no page and no old site's address has (a 404 from memory):
            what a client can send must cost what the cached page costs
  article login flood / flood past nginx
            the cached article while 50 connections send wrong logins
            (bench_login_flood.lua) from 50 addresses through nginx.conf.example's
            limits, or straight to the workers from a new address every time
Runs are interleaved (A B C ... A B C ...), at 32 connections and at 1, for
--rounds rounds of --seconds each. For each target it prints the median
req/s, p50, p99, errors and non-2xx, the ratios to static and to the floor,
the kilobytes of a response (headers included), and statements per request
(MariaDB's Com_stmt_execute over the run). Then each worker's resident
memory, and publish-to-visible: while wrk loads the home page, an article is
published through the admin and the time until twenty answers in a row show
it in the news line is measured. Last, issue 4's and issue 12's targets, each
met or not.

`shapes` compares worker shapes (processes x threads) on one stack: for
each, the floor, the article with the caches on and with the caches off.

With --data (a data set made by `data`), a second stack with the demo data
runs beside it, and its pages (at 32 connections) take their turns in the
same rounds: each page's speed on the data set is then compared with its
speed on the demo data under the same machine conditions. With --baseline
(another data set made by `data`), that one runs beside it instead: a small
generated set fills every listing page, as the large one does, where the demo
content's listings are short.

  python3 scripts/bench.py run  [--data DIR [--baseline DIR]] [--rounds 2] [--seconds 10]
  python3 scripts/bench.py shapes [--shapes 2x2,2x4,2x8] [--rounds 3] [--seconds 8]
  python3 scripts/bench.py pools [--rounds 3] [--seconds 8]   one pool against two (a replica, TCP)
  python3 scripts/bench.py data --articles 1000000 [--root var/bench]
"""
import argparse
import collections
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "tests"))
from stack import Stack, fastcgi_server, free_port, micro_cache_server  # noqa: E402
from stackfixture import Client  # noqa: E402

SEED_PATH = "/en/news/country/1-azerbaijani-ombudsperson-urges-human-rights-protection-and-cooperation"
TAG_PATH = "/en/tag/human-rights"
ADMIN_PASSWORD = "bench admin password"
# A bench database writes a lot and need not survive a power cut.
MARIADB_ARGS = ["--innodb-buffer-pool-size=2G", "--innodb-log-file-size=1G", "--innodb-flush-log-at-trx-commit=2",
                "--innodb-doublewrite=0", "--skip-log-bin"]


# ----- data --------------------------------------------------------------------

# Words of the three editions, for bodies of 2-8 KB that look like news text.
WORDS = {
    "en": "the minister said on Tuesday that talks with partners in the region would continue next week "
          "and that the new agreement on energy transport and trade was ready to be signed in Baku",
    "az": "nazir çərşənbə axşamı bildirib ki, regiondakı tərəfdaşlarla danışıqlar gələn həftə davam edəcək "
          "və enerji, nəqliyyat və ticarət üzrə yeni saziş Bakıda imzalanmağa hazırdır",
    "ru": "министр заявил во вторник что переговоры с партнерами в регионе продолжатся на следующей неделе "
          "и новое соглашение об энергетике транспорте и торговле готово к подписанию в Баку",
}


# What each generated story is about: a place and a subject, so that search
# has words that are in some stories and not in others, as in a real archive
# (at a million stories a place is in about 11,000 of its edition's, a place
# and a subject together in about 550). scripts/search_queries.txt asks for them.
PLACES = {
    "en": "Baku,Ganja,Sumgait,Sheki,Lankaran,Shusha,Nakhchivan,Quba,Gabala,Shamakhi,Mingachevir,Zaqatala,Tbilisi,"
          "Ankara,Istanbul,Tehran,Moscow,Astana,Tashkent,Brussels,Paris,Berlin,Vienna,Geneva,London,Rome,Warsaw,"
          "Prague,Kyiv,Beijing",
    "az": "Bakı,Gəncə,Sumqayıt,Şəki,Lənkəran,Şuşa,Naxçıvan,Quba,Qəbələ,Şamaxı,Mingəçevir,Zaqatala,Tbilisi,"
          "Ankara,İstanbul,Tehran,Moskva,Astana,Daşkənd,Brüssel,Paris,Berlin,Vyana,Cenevrə,London,Roma,Varşava,"
          "Praqa,Kiyev,Pekin",
    "ru": "Баку,Гянджа,Сумгайыт,Шеки,Ленкорань,Шуша,Нахчыван,Губа,Габала,Шамахы,Мингечевир,Загатала,Тбилиси,"
          "Анкара,Стамбул,Тегеран,Москва,Астана,Ташкент,Брюссель,Париж,Берлин,Вена,Женева,Лондон,Рим,Варшава,"
          "Прага,Киев,Пекин",
}
SUBJECTS = {
    "en": "festival,elections,earthquake,pipeline,football,harvest,museum,railway,hospital,university,"
          "exhibition,budget,airport,concert,floods,tourism,bridge,vaccine,marathon,startup",
    "az": "festival,seçkilər,zəlzələ,boru,futbol,məhsul,muzey,dəmiryolu,xəstəxana,universitet,"
          "sərgi,büdcə,hava limanı,konsert,daşqın,turizm,körpü,peyvənd,marafon,startap",
    "ru": "фестиваль,выборы,землетрясение,трубопровод,футбол,урожай,музей,железная дорога,больница,университет,"
          "выставка,бюджет,аэропорт,концерт,наводнение,туризм,мост,вакцина,марафон,стартап",
}


def sentences_per_paragraph(words):
    """The fewest and most sentences of `words` a paragraph may have, so that
    four paragraphs make a body of 2-8 KB (UTF-8 bytes) in every language."""
    sentence = len(words.encode()) + len(". ")
    return -(-2000 // (4 * sentence)), 8000 // (4 * sentence)


def generate(stack, count, batch=20000):
    """`count` published articles, one every two minutes back from 2025-05-01:
    three editions, at least twenty categories, bodies of 2-8 KB in each
    edition's language, stored rendered too."""
    have = int(stack.admin_sql("SELECT COUNT(*) FROM categories", database="newsline").stdout)
    extra = []
    for edition, n in (("en", 3), ("az", 5), ("ru", 5)):  # 7 + 4 + 4 demo categories + 13 = 28 >= 20
        for i in range(n):
            extra.append("('%s', 'bench-%d', 'Bench %s %d', %d)" % (edition, i, edition, i, 50 + i))
    if have < 20:
        stack.admin_sql("INSERT INTO categories (edition, slug, name, position) VALUES %s;" % ",".join(extra),
                        database="newsline")
    categories = int(stack.admin_sql("SELECT COUNT(*) FROM categories", database="newsline").stdout)
    # Each edition's words, with how many sentences (fewest, and how many more) a paragraph has.
    languages = " UNION ALL ".join(
        "SELECT '%s' AS edition, '%s' AS words, %d AS fewest, %d AS spread, '%s' AS places, '%s' AS subjects"
        % (e, w, lo, hi - lo + 1, PLACES[e], SUBJECTS[e])
        for e, w in WORDS.items() for lo, hi in [sentences_per_paragraph(w)])
    # The story's place and subject follow from its number too.
    about = ("CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(w.places, ',', 1 + s.seq % 30), ',', -1), ' ',"
             " SUBSTRING_INDEX(SUBSTRING_INDEX(w.subjects, ',', 1 + (s.seq DIV 30) % 20), ',', -1))")
    # Four paragraphs whose sentence counts follow from the article's number; the first names what it is about.
    body = "CONCAT(" + about + ", '. ', CONCAT_WS('\\n\\n', " + ", ".join(
        "REPEAT(CONCAT(w.words, '. '), w.fewest + (s.seq * %d + %d) %% w.spread)" % (7 + 2 * k, k) for k in range(4)) + "))"
    at = "TIMESTAMP'2025-05-01 00:00:00' - INTERVAL s.seq * 2 MINUTE"
    done = 0
    start = time.time()
    while done < count:
        n = min(batch, count - done)
        sql = (
            "SELECT COALESCE(MAX(id), 0) INTO @before FROM articles;"
            "INSERT INTO articles (edition, category_id, slug, title, lead, author, source, status,"
            " published_at, created_at, updated_at) "
            "SELECT c.edition, c.id, CONCAT('bench-story-', s.seq), CONCAT('Bench story ', s.seq, ': ', %s, ', ',"
            " LEFT(w.words, 40)), CONCAT(%s, '. ', w.words, '. '), 'Bench', 'EDnews', 'published', %s, %s, %s"
            " FROM seq_%d_to_%d s"
            " JOIN (SELECT id, edition, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM categories) c ON c.k = s.seq %% %d"
            " JOIN (%s) w ON w.edition = c.edition;"
            % (about, about, at, at, at, done + 1, done + n, categories, languages))
        # Each body follows from the number in its slug and the edition's words;
        # no generated article has tags, authors, corrections or translations.
        sql += ("INSERT INTO article_bodies (article_id, body, body_html, links) "
                "SELECT id, body, CONCAT('<p>', REPLACE(body, '\\n\\n', '</p>\\n<p>'), '</p>\\n'), '' FROM ("
                " SELECT s.id, %s AS body FROM (SELECT a.id, a.edition, CAST(SUBSTRING(a.slug, 13) AS UNSIGNED) AS seq"
                "  FROM articles a WHERE a.id > @before) s JOIN (%s) w ON w.edition = s.edition) b;"
                % (body, languages))
        r = stack.admin_sql(sql, database="newsline")
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        done += n
        rate = done / max(time.time() - start, 0.001)
        print("  %d / %d articles (%.0f/s, %.0f s left)" % (done, count, rate, (count - done) / rate), flush=True)
    # Search: the index is made once over all the rows (InnoDB sorts them: far
    # quicker than growing it a story at a time), words folded by the binary.
    print("  indexing them for search", flush=True)
    started = time.time()
    stack.admin_sql("ALTER TABLE article_search DROP INDEX ft_words", database="newsline")
    stack.newsline("search-index", check=True)
    stack.admin_sql("SET SESSION innodb_ft_enable_stopword = OFF; ALTER TABLE article_search ADD FULLTEXT KEY ft_words (words)",
                    database="newsline")
    print("  indexed for search in %.0f s" % (time.time() - started), flush=True)
    stack.admin_sql("ANALYZE TABLE articles, article_bodies, article_search; UPDATE content_version SET version = version + 1;", database="newsline")


def write_export(path, posts, body_kb=10):
    """A WordPress export (WXR 1.2) of `posts` published posts with bodies of
    about `body_kb` KB of classic HTML, in twelve categories (two of them
    children), with tags, by five authors, and the comments and postmeta a
    real export has: what `make bench-import` reads."""
    words = WORDS["en"]
    paragraph = "<p>%s <strong>%s</strong> <a href=\"https://old.example/?p=%%d\">%s</a></p>\n" % (
        words, words[:30], words[:20])
    per_post = max(1, body_kb * 1024 // len(paragraph))
    ns = ('xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/'
          'content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"')
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" %s>\n<channel><title>Bench</title>'
                "<link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>"
                "<wp:base_site_url>https://old.example</wp:base_site_url>\n" % ns)
        for a in range(5):
            f.write("<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>writer%d</wp:author_login>"
                    "<wp:author_display_name><![CDATA[Writer %d]]></wp:author_display_name></wp:author>\n" % (a, a, a))
        for c in range(12):
            parent = "news-0" if c in (10, 11) else ""
            f.write("<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename>news-%d</wp:category_nicename>"
                    "<wp:category_parent>%s</wp:category_parent><wp:cat_name><![CDATA[News %d]]></wp:cat_name>"
                    "</wp:category>\n" % (100 + c, c, parent, c))
        for t in range(50):
            f.write("<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug>tag-%d</wp:tag_slug><wp:tag_name>"
                    "<![CDATA[Tag %d]]></wp:tag_name></wp:tag>\n" % (200 + t, t, t))
        for i in range(1, posts + 1):
            day = time.gmtime(1714521600 - (posts - i) * 600)  # WordPress numbers posts in the order they are written
            date = time.strftime("%Y-%m-%d %H:%M:%S", day)
            body = "".join(paragraph % ((i * 7 + k) % i + 1) for k in range(per_post))  # links to older stories
            f.write("<item><title>Bench story %d about %s</title><link>https://old.example/%s/story-%d/</link>"
                    "<dc:creator>writer%d</dc:creator><guid isPermaLink=\"false\">https://old.example/?p=%d</guid>"
                    "<content:encoded><![CDATA[%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                    "<wp:post_id>%d</wp:post_id><wp:post_date>%s</wp:post_date><wp:post_date_gmt>%s</wp:post_date_gmt>"
                    "<wp:post_name>story-%d</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                    '<category domain="category" nicename="news-%d"><![CDATA[News]]></category>'
                    '<category domain="post_tag" nicename="tag-%d"><![CDATA[Tag]]></category>'
                    "<wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>"
                    "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_content><![CDATA[A reader's word]]>"
                    "</wp:comment_content></wp:comment></item>\n"
                    % (i, words[:40], time.strftime("%Y/%m/%d", day), i, i % 5, i, body, i, date, date, i, i % 12,
                       i % 50, i))
        f.write("</channel></rss>\n")


def command_import(args):
    """`newsline import wordpress` of a generated export into a throwaway
    stack: its rate (search index, sitemap days and redirects included) and
    the importer's peak resident memory."""
    root = tempfile.mkdtemp(prefix="newsline-bench-import-")
    os.chmod(root, 0o755)
    export = os.path.join(root, "export.xml")
    started = time.time()
    write_export(export, args.posts, args.body_kb)
    size = os.path.getsize(export)
    print("export: %d posts, %.0f MB, written in %.0f s" % (args.posts, size / 2 ** 20, time.time() - started),
          flush=True)
    stack = Stack(os.path.join(root, "stack"), port=free_port(), admin_password=ADMIN_PASSWORD,
                  mariadb_args=MARIADB_ARGS)
    try:
        stack.start()
        report = os.path.join(root, "export.report")
        command = [stack.binary, "--config", stack.config_file, "import", "wordpress", export, "--report", report]
        started = time.time()
        child = subprocess.Popen(command, env=stack.maintenance_env(), stdout=subprocess.PIPE, text=True)
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.time() - started
        print(output)
        if status != 0:
            raise SystemExit("the import failed (status %d)" % status)
        articles = int(stack.admin_sql("SELECT COUNT(*) FROM imported_items WHERE kind = 'post'",
                                       database="newsline").stdout)
        print("%-10s %8s %9s %11s %13s" % ("posts", "file MB", "seconds", "posts/s", "peak RSS MB"))
        print("%-10d %8.0f %9.1f %11.0f %13.0f" % (articles, size / 2 ** 20, seconds, articles / seconds,
                                                  usage.ru_maxrss / 1024))
        print("\nissue 28's targets, this run:")
        rate, rss = articles / seconds, usage.ru_maxrss / 1024
        print("  %-52s %-15s %s" % ("posts imported >= 500 a second", "%.0f" % rate, "met" if rate >= 500 else "NOT MET"))
        print("  %-52s %-15s %s" % ("importer resident memory < 300 MB", "%.0f MB" % rss,
                                    "met" if rss < 300 else "NOT MET"))
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


def command_data(args):
    root = os.path.abspath(args.root)
    stack = Stack(root, port=free_port(), mariadb_args=MARIADB_ARGS, admin_password=ADMIN_PASSWORD)
    try:
        stack._prepare_dirs()
        stack.write_config()
        stack.start_mariadb()
        stack.bootstrap_database()
        stack.migrate_and_seed(demo=True)
        existing = int(stack.admin_sql("SELECT COUNT(*) FROM articles WHERE slug LIKE 'bench-story-%'",
                                       database="newsline").stdout)
        if existing:
            print("removing %d generated articles first" % existing)
            stack.admin_sql("DELETE FROM articles WHERE slug LIKE 'bench-story-%'", database="newsline")
        # (bodies go with their articles: ON DELETE CASCADE)
        start = time.time()
        generate(stack, args.articles)
        size = stack.admin_sql("SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM "
                               "information_schema.tables WHERE table_schema = 'newsline'").stdout.strip()
        print("generated %d articles in %.0f s; database %s MB; data in %s" % (args.articles, time.time() - start, size, root))
    finally:
        stack.stop()


# ----- measuring ---------------------------------------------------------------

def wrk(url, seconds, connections, args=()):
    out = subprocess.run(["wrk", "-t%d" % min(2, connections), "-c%d" % connections, "-d%ds" % seconds,
                          "--latency", "--timeout", "5s", *args, url],
                         capture_output=True, text=True, timeout=seconds + 60).stdout

    def latency_ms(pct):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % pct, out, re.M)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    size, unit = re.search(r"requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", out).groups()
    read = float(size) * {"B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}[unit]
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "requests": requests,
            "kb": read / 1024 / max(requests, 1),
            "p50": latency_ms(50), "p99": latency_ms(99),
            "non2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1]),
            "errors": sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))}


# One thing measured: `args` are wrk's own (a header, a Lua script); `flood`:
# measured while a login flood runs beside it, through that base (see LoginFlood).
# `status`: what it answers (a junk path: 404).
Target = collections.namedtuple("Target", "name url args flood status", defaults=((), None, 200))
JUNK_QUERY = os.path.join(HERE, "bench_junk_query.lua")
# An address of an old site that was never imported: a 404 from memory, no statement (issue 28).
JUNK_PATH = "/2019/05/18/an-old-post-never-imported/"
SEARCHES = os.path.join(HERE, "bench_search.lua")
os.environ["SEARCH_QUERIES"] = os.path.join(HERE, "search_queries.txt")  # read by SEARCHES, in wrk
LOGIN_FLOOD = os.path.join(HERE, "bench_login_flood.lua")
# What a client makes up for the editors' cache-bypass cookie: well formed, signed by nobody.
FORGED_EDITOR_COOKIE = "nl_editor=9999999999.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


class LoginFlood:
    """50 connections of wrong logins (bench_login_flood.lua) for as long as a
    measurement runs, from 50 addresses through nginx.conf.example's limits
    (`via`: "newsline"), or straight to the workers from a new address at every
    try (`via`: "flood", the worst case for the workers); meanwhile the largest
    worker's resident memory is sampled."""

    # The measurement starts this long into the flood: a flood lasts minutes,
    # and the workers notice it within its first seconds (login_flood_failures).
    # The flood's own counts cover it whole, its first seconds too.
    WARM_UP = 5

    def __init__(self, site, seconds, via):
        self.site, self.seconds, self.via, self.peak_mb = site, seconds, via, 0.0
        self.out = ""

    def __enter__(self):
        form = Client(self.site.base["newsline"])
        env = dict(os.environ, NEWSLINE_FLOOD_TOKEN=form.csrf(form.get("/admin/login")),
                   NEWSLINE_FLOOD_ADDRESSES="50" if self.via == "newsline" else "60000")
        self.proc = subprocess.Popen(["wrk", "-t1", "-c50", "-d%ds" % (self.seconds + self.WARM_UP + 1), "--timeout", "5s",
                                      "-s", LOGIN_FLOOD, self.site.base[self.via]], env=env, stdout=subprocess.PIPE,
                                     text=True)
        self.sampling = True
        self.sampler = threading.Thread(target=self.sample)
        self.sampler.start()
        time.sleep(self.WARM_UP)
        return self

    def sample(self):
        while self.sampling:
            self.peak_mb = max([self.peak_mb] + worker_rss(self.site.stack.procs["newsline"].pid))
            time.sleep(0.1)

    def __exit__(self, *exc):
        self.out = self.proc.communicate(timeout=60)[0]
        self.sampling = False
        self.sampler.join()


def median(runs, field):
    return statistics.median(r[field] for r in runs)


def statements(stack):
    out = stack.admin_sql("SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'").stdout.split()
    return int(out[1])


def worker_rss(master_pid):
    rss = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout.split()
    return [int(k) / 1024 for k in rss]


def publish_to_visible(site, seconds):
    """Publishes an article through the admin while wrk loads the home page;
    returns seconds until twenty answers in a row show it in the news line."""
    stack, base_url = site.stack, site.base["newsline"]
    load = threading.Thread(target=wrk, args=(base_url + "/en/", seconds, 32))
    load.start()
    time.sleep(seconds / 3)
    c = site.editor()
    form = c.get("/admin/articles/new")
    title = "Published under load %d" % time.time()
    fields = {"edition": "en", "category": "1", "title": title, "slug": "", "body": "Under load.", "author": "Bench",
              "source": "EDnews", "published_at": "", "related": "", "action": "publish", "revision": "0",
              "csrf": c.csrf(form)}
    r = c.request("/admin/articles/new", "POST", fields)
    published = time.monotonic()
    assert r.status == 303, r.status
    visible = None
    while time.monotonic() - published < 10:
        if all(title in urllib.request.urlopen(base_url + "/en/", timeout=5).read().decode() for _ in range(20)):
            visible = time.monotonic() - published
            break
    load.join()
    stack.admin_sql("DELETE FROM articles WHERE title = '%s'; UPDATE content_version SET version = version + 1;"
                    % title, database="newsline")
    return visible


# ----- the stack's parts -------------------------------------------------------

CACHES_OFF = {"page_cache": "off", "newsline_cache": "off"}


def start_responder(stack, name, *args, env=None):
    """One of the bench's own FastCGI responders (build/fcgi_floor or
    build/reference_page), copied beside the stack's binary and run as its
    service user."""
    binary = os.path.join(stack.app_dir, name)
    if not os.path.exists(binary):  # a second responder of the same kind shares the copy
        shutil.copy(os.path.join(REPO, "build", name), binary)
        os.chmod(binary, 0o755)
    return subprocess.Popen([binary, *args], env=env, start_new_session=True, **stack.as_service())


def start_floor(stack, socket_path, page_file, processes, threads):
    return start_responder(stack, "fcgi_floor", socket_path, page_file, str(processes), str(threads))


def fetch(url):
    with urllib.request.urlopen(url) as r:
        assert r.status == 200, (url, r.status)
        return r.read()


def warm_up(url, times=3, status=200):
    """Fetches `url` until it has answered `status` `times` times. A cold buffer pool
    (MariaDB just started on a million articles) may first make a search outlast
    its time limit: that 503 says to try again later, and is tried again."""
    tries = 0
    while times:
        try:
            fetch(url)
            times -= 1
        except urllib.error.HTTPError as e:
            if e.code == status:
                times -= 1
                continue
            tries += 1
            if e.code != 503 or tries == 10:
                raise
            print("warming up: %s answered 503, trying again" % url, flush=True)
            time.sleep(3)


def save_static_copy(page, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.chmod(os.path.dirname(path), 0o755)
    with open(path, "wb") as f:
        f.write(page)
    os.chmod(path, 0o644)


def remove_stale_sockets(paths):
    """Sockets left by an interrupted run: waiting on them would race the new ones."""
    for path in paths:
        if os.path.exists(path):
            os.unlink(path)


def wait_for_sockets(paths, for_nginx=()):
    """Waits up to 10 s for every socket; those in for_nginx (made by the bench
    responders, which set no mode) are opened to their group, nginx's workers'."""
    deadline = time.time() + 10
    while not all(os.path.exists(p) for p in paths) and time.time() < deadline:
        time.sleep(0.05)
    for path in for_nginx:
        os.chmod(path, 0o660)


def stop_processes(processes):
    for p in processes:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()


class Site:
    """One stack of our own (MariaDB, workers with caches on, nginx), workers
    with the caches off and workers with only the page cache off, behind the
    same nginx. The reference site also serves the static copy of the article
    page, the floor and the micro-cache; a companion (the demo data beside a
    data set) only the pages."""

    PAGES = ("article", "home", "category", "deep")

    def __init__(self, root, label="", references=True, temporary=False):
        self.root, self.label, self.references, self.temporary = root, label, references, temporary
        self.stack, self.helpers, self.targets = None, [], []

    def start(self):
        references = ["floor", "reference", "reference1", "micro", "flood"]
        names = ["newsline", "nocache", "pagemiss"] + (references if self.references else [])
        ports = {name: free_port() for name in names}
        self.stack = Stack(self.root, port=ports["newsline"], processes=2, threads=4, mariadb_args=MARIADB_ARGS,
                           admin_password=ADMIN_PASSWORD)
        self.stack.place_root()  # as root, a data set in a checkout under /root moves where the services reach it
        run_dir = self.stack.run_dir
        sockets = {name: os.path.join(run_dir, name + ".sock") for name in names
                   if name not in ("newsline", "micro", "flood")}
        static_file = os.path.join(self.stack.root, "static-copy", "article.html")
        # The static copy of the article; and the login flood's client address from X-Flood-Address
        # (a header only the flood sends: everyone else keeps their own address).
        self.stack.extra_nginx = ("    location = /bench/static-article.html {\n        alias %s;\n"
                                  "        default_type text/html;\n    }\n    set_real_ip_from 127.0.0.1;\n"
                                  "    real_ip_header X-Flood-Address;\n" % static_file) if self.references else ""
        self.stack.extra_http = self.nginx_servers(ports, sockets, run_dir)
        self.stack.start()
        self.base = {name: "http://127.0.0.1:%d" % port for name, port in ports.items()}
        self.start_helpers(sockets, static_file)
        self.targets = self.pages_to_measure()
        for t in self.targets:  # warm up; every target must answer as it should
            warm_up(t.url, status=t.status)
        # The admin's browser logs in once now, before any flood, and keeps its
        # device cookie: a login flood pauses logins from browsers never seen.
        self.device_cookie = self.editor().cookie("nl_device")
        return self

    def editor(self):
        """A browser logged in as the admin (the one that logged in at start)."""
        c = Client(self.base["newsline"])
        if getattr(self, "device_cookie", None):
            c.jar.set_cookie(self.device_cookie)
        assert c.login("admin", ADMIN_PASSWORD).status == 303
        return c

    def nginx_servers(self, ports, sockets, run_dir):
        """Server blocks for the uncached workers, the floor and the 2-query page
        (each with the page location's FastCGI settings) and for the micro-cache."""
        servers = "".join(fastcgi_server(ports[name], path) for name, path in sockets.items())
        if self.references:  # the optional micro-cache of nginx.conf.example, in front of the cached workers
            servers += micro_cache_server(ports["micro"], os.path.join(run_dir, "newsline.sock"),
                                          os.path.join(self.stack.nginx_dir, "microcache"))
            # The login flood's way past nginx's limits: straight to the cached
            # workers, the client's address taken from X-Flood-Address.
            servers += fastcgi_server(ports["flood"], os.path.join(run_dir, "newsline.sock"),
                                      "      set_real_ip_from 127.0.0.1;\n      real_ip_header X-Flood-Address;\n")
        return servers

    def start_helpers(self, sockets, static_file):
        """The workers with caches off (helpers[0]) and with the page cache off
        and, for the reference site, the static copy of the article page, the
        floor serving its bytes and the straightforward 2-query page."""
        remove_stale_sockets(sockets.values())
        # wrk's searches all come from one address: its rate is lifted for them.
        self.helpers.append(self.stack.workers_with(sockets["nocache"], "nocache", search_per_minute=100000,
                                          **CACHES_OFF))
        self.helpers.append(self.stack.workers_with(sockets["pagemiss"], "pagemiss", page_cache="off"))
        self.page = fetch(self.base["newsline"] + SEED_PATH)
        if self.references:
            save_static_copy(self.page, static_file)
            self.helpers.append(start_floor(self.stack, sockets["floor"], static_file, 2, 4))
            article_id = SEED_PATH.rsplit("/", 1)[1].split("-", 1)[0]
            for name, headlines in (("reference", 40), ("reference1", 1)):
                self.helpers.append(start_responder(
                    self.stack, "reference_page", sockets[name], self.stack.db_socket, "newsline", "newsline", "en",
                    article_id, "2", "4", str(headlines), env=self.stack.newsline_env()))
        wait_for_sockets(sockets.values(),
                         for_nginx=[sockets[n] for n in ("floor", "reference", "reference1") if n in sockets])

    def pages_to_measure(self):
        """(name, URL) of each target; the deep page starts three quarters down
        the English feed."""
        self.articles = int(self.sql("SELECT COUNT(*) FROM articles"))
        position = self.sql(
            "SELECT UNIX_TIMESTAMP(published_at), id FROM articles WHERE edition='en' AND "
            "status='published' ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET %d"
            % max(0, int(int(self.sql("SELECT COUNT(*) FROM articles WHERE edition='en'")) * 0.75) - 1)).split()
        # Cursors are signed with each site's own key: the binary makes this one.
        self.deep = self.stack.newsline("cursor", *position, capture_output=True, text=True).stdout.strip()
        paths = dict(zip(self.PAGES, (SEED_PATH, "/en/", "/en/news/politics", "/en/news?before=" + self.deep)))
        targets = []
        if self.references:
            targets += [Target("static", self.base["newsline"] + "/bench/static-article.html"),
                        Target("floor", self.base["floor"] + "/")]
        targets += [Target(self.label + name, self.base["newsline"] + paths[name]) for name in self.PAGES]
        targets += [Target(self.label + name + " nocache", self.base["nocache"] + paths[name]) for name in self.PAGES]
        targets.append(Target(self.label + "article pagemiss", self.base["pagemiss"] + SEED_PATH))
        if self.references:  # right after the page miss it is set against: the machine's speed drifts
            targets.append(Target("2-query page", self.base["reference"] + "/"))
        # What crawlers and feed readers ask for, uncached: the edition's feed (50
        # articles with their bodies) and the sitemap of the newest article's month.
        # The fullest day among the newest 5,000 English articles (the demo
        # content's newest days, beside a generated set, hold only a few).
        day = self.sql("SELECT d FROM (SELECT DATE_FORMAT(published_at, '%Y-%m-%d') d FROM articles"
                       " WHERE edition = 'en' AND status = 'published' ORDER BY published_at DESC LIMIT 5000) t"
                       " GROUP BY d ORDER BY COUNT(*) DESC, d DESC LIMIT 1")
        # Typical two-word searches (scripts/search_queries.txt), in turn, uncached.
        targets.append(Target(self.label + "search nocache", self.base["nocache"] + "/en/search", ("-s", SEARCHES)))
        # The worst case: a word in every English story with another in one of twenty.
        targets.append(Target(self.label + "search every-story word nocache",
                              self.base["nocache"] + "/en/search?q=Baku+festival"))
        targets += [Target(self.label + "feed nocache", self.base["nocache"] + "/en/feed"),
                    Target(self.label + "sitemap day nocache", self.base["nocache"] + "/en/sitemap/%s.xml" % day)]
        if self.references:
            article = self.base["newsline"] + SEED_PATH
            # The demo content's newsroom (tags, photos) is not in a generated data set.
            variant = re.search(r'<img src="(/media/[^"]+)"', self.page.decode()).group(1)
            targets += [Target("feed", self.base["newsline"] + "/en/feed"),
                        Target("article gzip", article, ("-H", "Accept-Encoding: gzip")),
                        Target("tag", self.base["newsline"] + TAG_PATH),
                        Target("tag nocache", self.base["nocache"] + TAG_PATH),
                        Target("photo variant", self.base["newsline"] + variant)]
            targets += [Target("2-query 1 headline", self.base["reference1"] + "/"),
                        Target("article microcache", self.base["micro"] + SEED_PATH),
                        Target("article forged cookie", article, ("-H", "Cookie: " + FORGED_EDITOR_COOKIE)),
                        Target("article junk query", article, ("-s", JUNK_QUERY)),
                        Target("junk path", self.base["newsline"] + JUNK_PATH, status=404),
                        Target("article login flood", article, flood="newsline"),
                        Target("article flood past nginx", article, flood="flood")]
        return targets

    def sql(self, query):
        return self.stack.admin_sql(query, database="newsline").stdout.strip()

    def stop(self):
        stop_processes(self.helpers)
        if self.stack:
            self.stack.stop()
        if self.temporary:
            shutil.rmtree(self.root, ignore_errors=True)


def command_run(args):
    site, companion = Site(tempfile.mkdtemp(prefix="newsline-bench-"), temporary=True), None
    if args.data:
        site = Site(os.path.abspath(args.data))
        # The demo data (or a baseline data set) beside it, in the same run: machine
        # speed drifts by a quarter between runs, more than the data set's effect.
        if args.baseline:
            companion = Site(os.path.abspath(args.baseline), label="base ", references=False)
        else:
            companion = Site(tempfile.mkdtemp(prefix="newsline-bench-"), label="demo ", references=False,
                             temporary=True)
    started = []
    try:
        for s in (site, companion):
            if s:
                started.append(s)
                s.start()
        print("data: %d articles; article page %d bytes; deep cursor %s" % (site.articles, len(site.page), site.deep))
        if companion:
            companion.name = ("%d articles" % companion.articles) if args.baseline else "the demo data"
            print("beside it, %s: %d articles; deep cursor %s (at 32 connections only)"
                  % (companion.name, companion.articles, companion.deep))
        print("wrk: %d rounds x %d s at 32 and 1 connections, interleaved; 2 worker processes x 4 threads\n"
              % (args.rounds, args.seconds))
        results = {}
        for rnd in range(args.rounds):
            for connections in (32, 1):
                for s in started:
                    if s is companion and connections != 32:
                        continue
                    for t in s.targets:
                        flood = LoginFlood(s, args.seconds, t.flood) if t.flood else contextlib.nullcontext()
                        with flood:
                            before = statements(s.stack)
                            r = wrk(t.url, args.seconds, connections, t.args)
                            r["statements"] = (statements(s.stack) - before) / max(r["requests"], 1)
                        if t.flood:
                            r["flood"], r["flood_peak_mb"] = flood.out.strip().splitlines()[-1], flood.peak_mb
                            r["statements"] = None  # the flood's own statements are counted too
                        results.setdefault((t.name, connections), []).append(r)
                        print("  round %d c=%-2d %-24s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms%s" % (
                            rnd + 1, connections, t.name, r["rps"], r["p50"], r["p99"],
                            "  (%s; largest worker %.0f MB)" % (r["flood"], r["flood_peak_mb"]) if t.flood else ""),
                              flush=True)
        rss = {"caches on": worker_rss(site.stack.procs["newsline"].pid), "caches off": worker_rss(site.helpers[0].pid)}
        visible = publish_to_visible(site, max(6, args.seconds))
        report(results, site.targets, rss, visible, args)
        if companion:
            compare_with_companion(results, site.targets, companion)
        print_targets(results, site.targets, rss, visible, companion)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"%s@%d" % k: v for k, v in results.items()}, f, indent=1)
    finally:
        for s in reversed(started):
            s.stop()


def report(results, targets, rss, visible, args):
    print("\n%-24s %4s %9s %8s %8s %6s %6s %8s %8s %9s %6s" % (
        "page", "conn", "req/s", "p50 ms", "p99 ms", "errors", "non2xx", "x static", "x floor", "stmts/req", "KB"))
    for connections in (32, 1):
        static = median(results[("static", connections)], "rps")
        floor = median(results[("floor", connections)], "rps")
        for t in targets:
            rs = results[(t.name, connections)]
            rps = median(rs, "rps")
            counted = t.name not in ("static", "floor", "article microcache") and not t.flood
            print("%-24s %4d %9.0f %8.2f %8.2f %6d %6d %8.2f %8.2f %9s %6.1f" % (
                t.name, connections, rps, median(rs, "p50"), median(rs, "p99"), sum(r["errors"] for r in rs),
                sum(r["non2xx"] for r in rs), rps / static, rps / floor,
                "%.2f" % median(rs, "statements") if counted else "-", median(rs, "kb")))
        print()
    for t in targets:
        if t.flood:
            for r in results[(t.name, 32)]:
                print("%s, 32 connections: %s; largest worker %.0f MB" % (t.name, r["flood"], r["flood_peak_mb"]))
    for group, sizes in rss.items():
        print("worker resident memory, %s: %s" % (group, ", ".join("%.1f MB" % s for s in sizes)))
    print("publish to visible on every worker under load: %s" % ("%.2f s" % visible if visible else "not within 10 s"))


def compare_with_companion(results, targets, companion):
    """Each page on the data set against the same page on the companion's data
    (the demo content or a baseline data set), both measured in this run (32
    connections)."""
    label = companion.label
    print("\nthe data set against %s in this run (32 connections):" % companion.name)
    print("%-18s %10s %10s %9s %12s %12s %8s %8s" % ("page", label + "req/s", "data req/s", "data/" + label.strip(),
                                                    label + "p99 ms", "data p99 ms", label + "KB", "data KB"))
    for name in (t.name for t in targets):
        base = results.get((label + name, 32))
        if not base:
            continue
        data = results[(name, 32)]
        print("%-18s %10.0f %10.0f %9.2f %12.2f %12.2f %8.1f %8.1f" % (
            name, median(base, "rps"), median(data, "rps"), median(data, "rps") / median(base, "rps"),
            median(base, "p99"), median(data, "p99"), median(base, "kb"), median(data, "kb")))


def print_targets(results, targets, rss, visible, companion=None):
    """Issue 4's targets against this run (medians at 32 connections)."""
    med = lambda name, field="rps": median(results[(name, 32)], field)
    floor = med("floor")
    verdict = lambda ok: "met" if ok else "NOT MET"
    rows = [("article, caches on >= 0.85 x floor", "%.2f" % (med("article") / floor), med("article") / floor >= 0.85),
            ("article, caches on: p99 < 5 ms", "%.2f ms" % med("article", "p99"), med("article", "p99") < 5)]
    uncached = {t.name: med(t.name) / floor for t in targets
                if t.name.endswith(" nocache") and "search" not in t.name}  # search has its own target
    worst = min(uncached, key=uncached.get)
    rows.append(("every page, caches off >= 0.35 x floor", "%.2f-%.2f" % (uncached[worst], max(uncached.values())),
                 uncached[worst] >= 0.35))
    notes = {len(rows) - 1: "lowest: %s; the 2-query page: %.2f" % (worst, med("2-query page") / floor)}
    if companion:
        label = companion.label
        growth = {t.name: med(t.name) / med(label + t.name) for t in targets if (label + t.name, 32) in results}
        short = sorted((name for name in growth if growth[name] < 0.9), key=growth.get)
        rows.append(("every page >= 0.9 x its speed on " + companion.name, "%.2f-%.2f" % (min(growth.values()),
                     max(growth.values())), not short))
        if short:
            notes[len(rows) - 1] = "below: " + ", ".join("%s %.2f" % (name, growth[name]) for name in short)
    biggest = max(size for sizes in rss.values() for size in sizes)
    rows.append(("worker resident memory < 64 MB", "%.1f MB" % biggest, biggest < 64))
    rows.append(("publish to visible on every worker < 1 s", "%.2f s" % visible if visible else "> 10 s",
                 bool(visible) and visible < 1))
    print("\nissue 4's targets (set for a million articles: `make bench DATA=var/bench`), this run at 32 connections:")
    for i, (target, value, ok) in enumerate(rows):
        print(("  %-48s %-11s %-8s %s" % (target, value, verdict(ok), notes.get(i, ""))).rstrip())
    print("\nissue 13's targets, this run at 32 connections:")
    for target, value, ok in newsroom_targets(results):
        print("  %-52s %-15s %s" % (target, value, verdict(ok)))
    print("\nissue 14's targets, this run (medians of the rounds):")
    for target, value, ok in findability_targets(results):
        print("  %-52s %-15s %s" % (target, value, verdict(ok)))
    miss = med("article pagemiss") / med("2-query page")
    print("\nissue 27's target, this run at 32 connections:")
    print("  %-52s %-15s %s" % ("article page miss >= the 2-query page", "%.2f" % miss, verdict(miss >= 1)))
    print("\nissue 12's targets, this run at 32 connections:")
    for target, value, ok in safety_targets(results):
        print("  %-52s %-15s %s" % (target, value, verdict(ok)))


def newsroom_targets(results):
    """Issue 13: pages with photos stay at the floor when cached; a photo
    variant is a file nginx sends, as fast as a static file."""
    med = lambda name: median(results[(name, 32)], "rps")
    rows = []
    for name in ("home", "article", "tag"):
        ratio = med(name) / med("floor")
        rows.append(("%s (with photos), caches on >= 0.85 x floor" % name, "%.2f" % ratio, ratio >= 0.85))
    ratio = med("photo variant") / med("static")
    rows.append(("photo variant >= 0.9 x nginx's static file", "%.2f" % ratio, ratio >= 0.9))
    return rows


def findability_targets(results):
    """Issue 14: a typical two-word search under 50 ms at the median, a sitemap
    under 100 ms, uncached (one connection: the time of one request alone)."""
    p50 = lambda name: median(results[(name, 1)], "p50")
    return [("two-word search, uncached: p50 < 50 ms (1 connection)", "%.2f ms" % p50("search nocache"),
             p50("search nocache") < 50),
            ("day sitemap, uncached: p50 < 100 ms (1 connection)", "%.2f ms" % p50("sitemap day nocache"),
             p50("sitemap day nocache") < 100)]


def safety_targets(results):
    """Issue 12: what a client can send costs at most what a cached page costs;
    a login flood neither blows up a worker nor moves readers' p99."""
    med = lambda name, field="rps": median(results[(name, 32)], field)
    rows = []
    for name, what in (("article forged cookie", "a made-up editor cookie"), ("article junk query", "a junk query string"),
                       ("junk path", "a path no page and no old address has")):
        ratio = med(name) / med("article")
        rows.append(("%s >= 0.85 x cached article" % what, "%.2f" % ratio, ratio >= 0.85))
        rows.append(("%s: statements per request ~ 0" % what, "%.3f" % med(name, "statements"),
                     med(name, "statements") < 0.01))
    p99, flooded = med("article", "p99"), med("article login flood", "p99")
    # "Does not move" within the run-to-run spread of a p99 on this machine (a quarter, README).
    rows.append(("article p99 in a login flood <= 1.25 x without", "%.2f/%.2f ms" % (flooded, p99),
                 flooded <= 1.25 * p99))
    for name in ("article login flood", "article flood past nginx"):
        peak = max(r["flood_peak_mb"] for r in results[(name, 32)])
        rows.append(("largest worker, %s < 64 MB" % name.replace("article ", ""), "%.0f MB" % peak, peak < 64))
    return rows


def shape_name(shape):
    return "%dx%d" % shape


def command_shapes(args):
    """Worker shapes (processes x threads) side by side on the demo content:
    for each, the floor, the article with the caches on and with them off,
    interleaved at 32 connections. More threads than cores lengthen the tail
    of cached pages; the uncached ones wait on MariaDB and may want them."""
    shapes = [tuple(int(n) for n in shape.split("x")) for shape in args.shapes.split(",")]
    root = tempfile.mkdtemp(prefix="newsline-shapes-")
    os.chmod(root, 0o755)
    run_dir = os.path.join(root, "run")
    kinds = ("floor", "cached", "nocache")
    sockets = {(shape, kind): os.path.join(run_dir, "%s-%s.sock" % (shape_name(shape), kind)) for shape in shapes
               for kind in kinds}
    ports = {key: free_port() for key in sockets}
    stack = Stack(root, port=free_port(), mariadb_args=MARIADB_ARGS, admin_password=ADMIN_PASSWORD,
                  extra_http="".join(fastcgi_server(ports[key], path) for key, path in sockets.items()))
    helpers = []
    try:
        stack.start()
        static_file = os.path.join(root, "static-copy", "article.html")
        save_static_copy(fetch("http://127.0.0.1:%d%s" % (stack.port, SEED_PATH)), static_file)
        for shape in shapes:
            processes, threads = shape
            helpers.append(start_floor(stack, sockets[shape, "floor"], static_file, processes, threads))
            for kind, caches in (("cached", {}), ("nocache", CACHES_OFF)):
                helpers.append(stack.workers_with(sockets[shape, kind], "%s-%s" % (shape_name(shape), kind),
                                             processes=processes, threads=threads, **caches))
        wait_for_sockets(sockets.values(), for_nginx=[sockets[shape, "floor"] for shape in shapes])
        urls = {key: "http://127.0.0.1:%d%s" % (ports[key], "/" if key[1] == "floor" else SEED_PATH)
                for key in sockets}
        for url in urls.values():
            fetch(url)
        print("wrk: %d rounds x %d s at 32 connections, interleaved; demo content\n" % (args.rounds, args.seconds))
        results = {}
        for rnd in range(args.rounds):
            for (shape, kind), url in urls.items():
                r = wrk(url, args.seconds, 32)
                results.setdefault((shape, kind), []).append(r)
                print("  round %d %-5s %-8s %8.0f req/s  p99 %6.2f ms" % (rnd + 1, shape_name(shape), kind, r["rps"],
                                                                         r["p99"]), flush=True)
        print("\n%-6s %-24s %-24s %-24s" % ("shape", "floor req/s (p99 ms)", "article req/s (p99 ms)",
                                             "caches off req/s (p99 ms)"))
        for shape in shapes:
            cells = ["%.0f (%.2f)" % (median(results[shape, kind], "rps"), median(results[shape, kind], "p99"))
                     for kind in kinds]
            print("%-6s %-24s %-24s %-24s" % tuple([shape_name(shape)] + cells))
    finally:
        stop_processes(helpers)
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


def command_pools(args):
    """One pool against two, for the record (issue 16): a primary and a
    replica, pool 0 on a unix socket as on nginx's own host, pool 1 on loopback
    TCP as on a host of its own (scripts/cluster.py), each of 2 processes x 4
    threads. The cached article and searches (bench_search.lua) through each
    pool alone and through nginx.conf.example's upstream of both (on a port
    without its limits per address, as the pools' own ports), interleaved at
    32 connections. On one machine the two pools share its
    cores: this measures what the upstream and TCP cost, not what a second
    host adds (README, Capacity)."""
    from cluster import Cluster, free_ports
    root = tempfile.mkdtemp(prefix="newsline-pools-")
    os.chmod(root, 0o755)
    base = free_ports(6, start=30000)
    cluster = Cluster(root, port=base, replicas=1, pools=2, processes=2, threads=4, admin_password=ADMIN_PASSWORD,
                      mariadb_args=[a for a in MARIADB_ARGS if a != "--skip-log-bin"],
                      extra_config={"search_per_minute": 100000})
    cluster.extra_http += fastcgi_server(base + 5, "newsline")  # the upstream of both pools
    try:
        cluster.start()
        ways = {"pool 0 (unix)": cluster.pool_url(0, ""), "pool 1 (tcp)": cluster.pool_url(1, ""),
                "both pools": "http://127.0.0.1:%d" % (base + 5)}
        targets = [Target("%s %s" % (page, way), url + path, extra) for way, url in ways.items()
                   for page, path, extra in (("article", SEED_PATH, ()), ("search", "/en/search", ("-s", SEARCHES)))]
        for t in targets:
            fetch(t.url)
        print("wrk: %d rounds x %d s at 32 connections, interleaved; demo content, 1 replica\n"
              % (args.rounds, args.seconds))
        results = {}
        for rnd in range(args.rounds):
            for t in targets:
                r = wrk(t.url, args.seconds, 32, t.args)
                results.setdefault(t.name, []).append(r)
                print("  round %d %-28s %8.0f req/s  p99 %6.2f ms  non-2xx %d" % (rnd + 1, t.name, r["rps"], r["p99"],
                                                                                r["non2xx"]), flush=True)
        print("\n%-28s %10s %9s %9s %8s" % ("target", "req/s", "p50 ms", "p99 ms", "errors"))
        for t in targets:
            runs = results[t.name]
            print("%-28s %10.0f %9.2f %9.2f %8d" % (t.name, median(runs, "rps"), median(runs, "p50"),
                                                    median(runs, "p99"), sum(r["errors"] + r["non2xx"] for r in runs)))
        for page in ("article", "search"):
            one, two = median(results[page + " pool 0 (unix)"], "rps"), median(results[page + " both pools"], "rps")
            print("%s: two pools / one = %.2f" % (page, two / one))
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--data", help="a stack root made by `bench.py data` (default: the demo content)")
    run.add_argument("--baseline", help="with --data: another data set to compare it with (default: the demo content)")
    run.add_argument("--rounds", type=int, default=2)
    run.add_argument("--seconds", type=int, default=10)
    run.add_argument("--json", help="also write the raw results here")
    shapes = sub.add_parser("shapes")
    shapes.add_argument("--shapes", default="2x2,2x4,2x8", help="worker shapes to compare, PROCESSESxTHREADS,...")
    shapes.add_argument("--rounds", type=int, default=3)
    shapes.add_argument("--seconds", type=int, default=8)
    pools = sub.add_parser("pools")
    pools.add_argument("--rounds", type=int, default=3)
    pools.add_argument("--seconds", type=int, default=8)
    imports = sub.add_parser("import")
    imports.add_argument("--posts", type=int, default=100000)
    imports.add_argument("--body-kb", type=int, default=10, help="each body's size (100,000 x 10 KB: a 1 GB export)")
    data = sub.add_parser("data")
    data.add_argument("--articles", type=int, default=1000000)
    data.add_argument("--root", default=os.path.join(REPO, "var", "bench"))
    args = ap.parse_args()
    # Ctrl-C and SIGTERM stop the stacks, even when started from a shell that
    # made this process ignore SIGINT (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    {"run": command_run, "shapes": command_shapes, "pools": command_pools, "data": command_data,
     "import": command_import}[args.command](args)


if __name__ == "__main__":
    main()
