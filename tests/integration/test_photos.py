"""Photos through nginx and the workers: uploads as an editor makes them
(and as an attacker would), the variants nginx serves from this host's
directory, and photos on the pages readers see."""
import html
import os
import re
import shutil
import struct
import subprocess
import time
import unittest
import zlib

from stackfixture import SANITIZED, Client, http, sql, sql_change, stack, within_a_second
from integration.test_admin import AdminTestCase, admin, create_article, edit_form_fields, public_article_url


def png(width, height, rows=None):
    """A real PNG (8-bit grey) written by hand: zlib and CRCs from Python."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    compressor = zlib.compressobj(9)
    idat = b""
    row = b"\0" + b"\x80" * width
    for y in range(height):
        idat += compressor.compress(rows(y) if rows else row)
    idat += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_bomb():
    """12,000 x 12,000 pixels of nothing: 144 MB decoded, about 140 KB on the wire."""
    return png(12000, 12000)


def exif_with_gps():
    """An EXIF segment (APP1) with orientation 6 and a GPS position, as a phone writes it."""
    tiff = b"II*\0" + struct.pack("<I", 8)
    tiff += struct.pack("<H", 2)
    tiff += struct.pack("<HHIHH", 0x0112, 3, 1, 6, 0)
    tiff += struct.pack("<HHII", 0x8825, 4, 1, 38)
    tiff += struct.pack("<I", 0)
    tiff += struct.pack("<H", 1) + struct.pack("<HHI", 0x0001, 2, 2) + b"N\0\0\0" + struct.pack("<I", 0)
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
       b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def a_jpeg():
    """A JPEG the site made itself (a demo photo's variant): real camera-free material."""
    page = http("/en/").text
    url = re.search(r'<img src="(/media/[^"]+\.jpg)"', page).group(1)
    r = http(url)
    assert r.status == 200 and r.body[:3] == b"\xff\xd8\xff", r.status
    return r.body


def worker_deaths():
    with open(os.path.join(stack().log_dir, "newsline.log")) as f:
        return f.read().count("ended (signal")


class Uploads(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.max_media_id = int(sql("SELECT COALESCE(MAX(id), 0) FROM media").strip())
        self.editor = admin()
        self.library = self.editor.get("/admin/media")
        self.assertEqual(self.library.status, 200)

    def tearDown(self):
        super().tearDown()
        sql_change("DELETE FROM media WHERE id > %d" % self.max_media_id)

    def upload(self, data, filename="photo.jpg", alt="A street in Baku", **words):
        return self.editor.upload("/admin/media", dict(alt=alt, **words), {"photo": (filename, data)}, self.library)

    def uploaded_id(self, reply):
        self.assertEqual(reply.status, 303, reply.text[:3000])
        return int(re.search(r"done=(\d+)", reply.header("Location")).group(1))

    def test_every_kind_is_taken_from_its_bytes(self):
        jpeg = a_jpeg()
        webp = http(re.search(r'srcset="(/media/[^" ]+\.webp)', http("/en/").text).group(1)).body
        for name, data, kind in [("a.jpg", jpeg, "JPEG"), ("b.png", png(64, 48), "PNG"), ("c.gif", GIF, "GIF"),
                                 ("d.webp", webp, "WebP"), ("named-as-a-gif.gif", jpeg, "JPEG")]:
            with self.subTest(name=name):
                photo = self.uploaded_id(self.upload(data, name))
                self.assertEqual(sql("SELECT source_kind FROM media WHERE id = %d" % photo).strip(), kind)
        listing = self.editor.get("/admin/media")
        self.assertIn("![A street in Baku](media:%d)" % photo, html.unescape(listing.text))

    def test_hostile_uploads_are_refused_with_a_clear_message(self):
        jpeg = a_jpeg()
        deaths = worker_deaths()
        cases = [
            ("bomb.png", png_bomb(), "too large: 12000 x 12000 pixels"),
            ("cut.jpg", jpeg[: len(jpeg) // 2], "damaged or not a complete JPEG"),
            ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not a photo"),
            ("poly.jpg", jpeg + b"<html><script>alert(document.cookie)</script></html>", "web page or a script"),
            ("empty.jpg", b"", "The file is empty."),
            ("../../x.php", b"<?php system($_GET['c']); ?>", "not a photo"),
        ]
        for name, data, message in cases:
            with self.subTest(name=name):
                r = self.upload(data, name, caption="kept for the next try")
                self.assertEqual(r.status, 422, r.text[:2000])
                self.assertIn(message, html.unescape(r.text))
                self.assertIn('value="kept for the next try"', r.text)  # the editor's words stay in the form
        self.assertEqual(sql("SELECT COUNT(*) FROM media WHERE id > %d" % self.max_media_id).strip(), "0")
        # Nothing was stored under the name the browser gave, anywhere.
        for d in (stack().media_dir, os.path.dirname(stack().media_dir)):
            self.assertFalse(os.path.exists(os.path.join(d, "x.php")))
        # No alt text: refused too, whatever the photo.
        r = self.upload(jpeg, alt="  ")
        self.assertEqual(r.status, 422)
        self.assertIn("Write the alt text", r.text)
        # Larger than nginx's limit for uploads (21 MB): refused before any worker reads it.
        r = self.upload(b"\xff\xd8\xff" + os.urandom(30 << 20))
        self.assertEqual(r.status, 413)
        # Every worker is alive, and pages still answer.
        self.assertEqual(worker_deaths(), deaths)
        self.assertEqual(http("/en/").status, 200)
        self.assertEqual(self.upload(jpeg).status, 303)

    def test_gps_and_exif_leave_with_the_upload(self):
        jpeg = a_jpeg()
        phone = jpeg[:2] + exif_with_gps() + jpeg[2:]
        photo = self.uploaded_id(self.upload(phone, "IMG_0001.JPG"))
        w, h, hash_ = sql("SELECT width, height, hash FROM media WHERE id = %d" % photo).split()
        source = re.search(rb"\xff[\xc0\xc2]..\x08(..)(..)", jpeg, re.S)  # height, width
        self.assertEqual((int(w), int(h)), struct.unpack(">HH", source.group(1) + source.group(2)))  # turned upright
        master = sql("SELECT HEX(data) FROM media_masters WHERE media_id = %d" % photo).strip()
        self.assertNotIn(b"Exif".hex().upper(), master)
        for url in re.findall(r"/media/%d/[0-9a-f]{16}-\d+\.(?:jpg|webp)" % photo, self.editor.get("/admin/media").text
                              + self.photo_page_urls(photo)):
            body = http(url).body
            self.assertNotIn(b"Exif", body, url)
            self.assertNotIn(b"GPS", body, url)

    def photo_page_urls(self, photo):
        """Every variant address of photo `photo` as an article page would list them."""
        article = create_article(self.editor, "Photo variants", action="publish")
        form = self.editor.get("/admin/articles/%d" % article)
        fields = edit_form_fields(form)
        fields.update(lead_photo=str(photo), action="save")
        self.assertEqual(self.editor.post("/admin/articles/%d" % article, fields, from_page=form).status, 303)
        return http(public_article_url(article)).text

    def test_variants_are_files_nginx_serves_and_any_host_can_make_again(self):
        photo = self.uploaded_id(self.upload(png(900, 600), "wide.png"))
        hash_ = sql("SELECT hash FROM media WHERE id = %d" % photo).strip()
        url = "/media/%d/%s-640.webp" % (photo, hash_)
        path = os.path.join(stack().media_dir, str(photo), "%s-640.webp" % hash_)
        self.assertTrue(os.path.exists(path))  # made at upload
        r = http(url)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "image/webp")
        self.assertEqual(r.header("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertTrue(r.header("ETag"))  # nginx's own: the file
        # A host with an empty variant directory still serves every image.
        shutil.rmtree(os.path.join(stack().media_dir, str(photo)))
        for width, ext in ((320, "jpg"), (640, "webp"), (900, "jpg")):
            r = http("/media/%d/%s-%d.%s" % (photo, hash_, width, ext))
            self.assertEqual(r.status, 200, (width, ext))
            self.assertEqual(r.header("Cache-Control"), "public, max-age=31536000, immutable")
        self.assertTrue(os.path.exists(path.replace("-640.webp", "-320.jpg")))
        # The crops of JSON-LD (16:9, 4:3, 1:1) are made when first asked for, then sent by nginx.
        for size in ("896x504", "800x600", "600x600"):
            crop = "/media/%d/%s-%s.jpg" % (photo, hash_, size)
            first, again = http(crop), http(crop)
            self.assertEqual((first.status, first.header("Content-Type")), (200, "image/jpeg"), size)
            self.assertIsNone(first.header("ETag"))  # the worker's
            self.assertEqual(again.body, first.body)
            self.assertTrue(again.header("ETag"), size)  # nginx's: the file made the first time
        # Only what a page can ask for: not another width or crop, an old hash, or another photo.
        for bad in ("/media/%d/%s-500.jpg" % (photo, hash_), "/media/%d/%s-1280.jpg" % (photo, hash_),
                    "/media/%d/%s-1200x675.jpg" % (photo, hash_), "/media/%d/%s-896x504.webp" % (photo, hash_),
                    "/media/%d/%s-600x601.jpg" % (photo, hash_), "/media/%d/%s-0600x600.jpg" % (photo, hash_),
                    "/media/%d/%s-640.jpg" % (photo, "0" * 16), "/media/999999/%s-640.jpg" % hash_,
                    "/media/%d/%s-640.png" % (photo, hash_), "/media/%d/.lock" % photo):
            self.assertEqual(http(bad).status, 404, bad)
        self.assertEqual(http("/media/%d/../../newsline.conf" % photo).status, 400)

    def test_photo_work_leaves_nothing_in_the_workers(self):
        """libvips runs in a helper process per job: a worker that made a
        photo's variants is no larger for it, and no helper outlives its job."""
        from integration.test_fast_path import max_worker_memory_mb
        before = max_worker_memory_mb()
        photo = self.uploaded_id(self.upload(png(3000, 2000), "big.png"))
        hash_ = sql("SELECT hash FROM media WHERE id = %d" % photo).strip()
        shutil.rmtree(os.path.join(stack().media_dir, str(photo)))
        for width in (320, 640, 960, 1280, 1920):
            for ext in ("jpg", "webp"):
                self.assertEqual(http("/media/%d/%s-%d.%s" % (photo, hash_, width, ext)).status, 200)
        if not SANITIZED:
            self.assertLess(max_worker_memory_mb(), before + 8)
        master = stack().procs["newsline"].pid
        for worker in subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split():
            self.assertEqual(subprocess.run(["pgrep", "-P", worker], capture_output=True, text=True).stdout, "",
                             "a helper left running")

    def test_photos_in_articles(self):
        photo = self.uploaded_id(self.upload(png(1200, 800), caption="The old city walls", credit="Aysel Karimova"))
        body = ("The walls were restored.\n\n![The old city walls at dusk](media:%d)\n\n"
                "A tracker: ![pixel](https://evil.example/p.gif)" % photo)
        article = create_article(self.editor, "Walls restored", action="publish", body=body,
                                 lead="The restoration took three years.")
        page = http(public_article_url(article)).text
        self.assertIn('<p class="standfirst">The restoration took three years.</p>', page)
        figure = re.search(r'<figure class="photo photo-body">(.*?)</figure>', page, re.S).group(1)
        self.assertIn('alt="The old city walls at dusk"', figure)
        self.assertIn("The old city walls", figure)
        self.assertIn("Photo: Aysel Karimova", figure)
        self.assertIn('width="960" height="640"', figure)
        self.assertIn('loading="lazy"', figure)
        self.assertNotIn("evil.example", page)
        self.assertEqual(sql("SELECT media_id FROM article_media WHERE article_id = %d" % article).strip(), str(photo))
        # Upload in place: the photo becomes the lead photo (a save like any other).
        form = self.editor.get("/admin/articles/%d" % article)
        r = self.editor.upload("/admin/articles/%d/photo" % article,
                               {"alt": "Restorers on the wall", "caption": "Work in 2024", "credit": "EDnews"},
                               {"photo": ("lead.png", png(1600, 900))}, form)
        self.assertEqual(r.status, 303, r.text[:2000])
        lead = int(sql("SELECT lead_media_id FROM articles WHERE id = %d" % article).strip())
        self.assertGreater(lead, photo)

        def lead_shown():
            text = http(public_article_url(article)).text
            return '<figure class="photo photo-lead">' in text and "Work in 2024" in text
        within_a_second(lead_shown, "the new lead photo")
        page = http(public_article_url(article)).text
        lead_figure = re.search(r'<figure class="photo photo-lead">(.*?)</figure>', page, re.S).group(1)
        self.assertIn('fetchpriority="high"', lead_figure)
        self.assertIn('srcset="/media/%d/' % lead, lead_figure)
        self.assertIn("1600w", lead_figure)
        # The edit form shows the lead photo; saving it keeps the photo.
        form_now = self.editor.get("/admin/articles/%d" % article)
        self.assertIn('name="lead_photo" value="%d"' % lead, form_now.text)
        self.assertIn("No. %d: Restorers on the wall" % lead, form_now.text)
        # The form still open from before the upload is now a revision behind: its
        # save is a conflict with the editor's text kept, never a silent loss of the photo.
        fields = edit_form_fields(form)
        fields["action"] = "save"
        self.assertEqual(self.editor.post("/admin/articles/%d" % article, fields, from_page=form).status, 409)
        # A photo's words changed in the library reach the article bodies that show it.
        edit = self.editor.get("/admin/media/%d" % photo)
        r = self.editor.post("/admin/media/%d" % photo, {"alt": "The walls", "caption": "Restored walls",
                                                         "credit": "A. Karimova"}, from_page=edit)
        self.assertEqual(r.status, 303)
        within_a_second(lambda: "Photo: A. Karimova" in http(public_article_url(article)).text, "the new credit")

    def test_library_search_and_pages(self):
        ids = [self.uploaded_id(self.upload(png(64, 64), alt="Photo %d" % i, caption="harbour %d" % i))
               for i in range(3)]
        found = self.editor.get("/admin/media?q=harbour").text
        for i in ids:
            self.assertIn("/admin/media/%d" % i, found)
        self.assertNotIn("harbour", self.editor.get("/admin/media?q=no-such-words-anywhere").text.split("</form>")[-1])
        page = self.editor.get("/admin/media?before=%d" % ids[-1]).text
        self.assertNotIn("/admin/media/%d\"" % ids[-1], page)
        self.assertIn("/admin/media/%d\"" % ids[0], page)
        self.assertEqual(self.editor.get("/admin/media?before=x").status, 400)
        self.assertEqual(http("/admin/media").status, 303)  # editors only


class PhotosOnPublicPages(unittest.TestCase):
    def test_demo_stories_have_photos_with_sizes(self):
        home = http("/en/").text
        top = re.search(r'<article class="top-story">(.*?)</article>', home, re.S).group(1)
        self.assertIn("<picture>", top)
        self.assertRegex(top, r'<img src="/media/\d+/[0-9a-f]{16}-960\.jpg" srcset="[^"]+ 320w, ')
        self.assertRegex(top, r'width="960" height="540"')
        thumbs = re.findall(r'<a class="thumb"[^>]*>.*?</a>', home, re.S)
        self.assertGreater(len(thumbs), 5)
        for t in thumbs:
            self.assertIn('loading="lazy"', t)
            self.assertIn('alt=""', t)  # beside its headline: decorative
            self.assertRegex(t, r'<source type="image/webp" srcset="/media/\d+/[0-9a-f]{16}-320\.webp">')
        category = http("/en/news/politics").text
        self.assertIn('<a class="thumb"', category)

    def test_header_menu_lists_the_categories_in_the_admins_order(self):
        page = http("/en/").text
        bar = re.search(r'<nav class="sections"[^>]*>(.*?)</nav>', page, re.S).group(1)
        self.assertEqual(re.findall(r">([^<]+)</a>", bar),
                         ["All news", "Country", "Politics", "Economy", "Society", "Culture", "Science", "World"])
        self.assertIn('<details class="sections-menu"><summary>Menu</summary>', page)
        az = http("/az/").text
        self.assertIn('<a href="/az/news/olke">Ölkə</a>', az)


if __name__ == "__main__":
    unittest.main()
