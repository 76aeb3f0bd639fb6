-- The site's own secrets. 'signing' signs what the site hands out and must
-- recognise later without a database read (the editors' cache-bypass cookie,
-- the login form's token, listing cursors): every worker on every host reads
-- the same key. Replacing it logs nobody out (sessions are rows), but ends
-- the signed cookies, form tokens and cursor links made with the old one.
CREATE TABLE site_secrets (
  name        VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  secret      VARBINARY(64) NOT NULL,
  created_at  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO site_secrets (name, secret, created_at) VALUES ('signing', RANDOM_BYTES(32), UTC_TIMESTAMP());
