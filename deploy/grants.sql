-- The database and its two users (run once as MariaDB's root: sudo mariadb < grants.sql,
-- after replacing both passwords). Sessions, throttling and content all live here.
CREATE DATABASE IF NOT EXISTS newsline CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Migrations (`newsline migrate`) change the schema: run by an operator, never by the workers.
CREATE USER IF NOT EXISTS 'newsline_migrate'@'localhost' IDENTIFIED BY 'CHANGE-ME-MIGRATE';
GRANT ALL PRIVILEGES ON newsline.* TO 'newsline_migrate'@'localhost';

-- The workers read and write rows, and nothing else: no DDL, no FILE, no
-- other database. Over the unix socket only (localhost).
CREATE USER IF NOT EXISTS 'newsline'@'localhost' IDENTIFIED BY 'CHANGE-ME-WORKERS';
GRANT SELECT, INSERT, UPDATE, DELETE ON newsline.* TO 'newsline'@'localhost';

-- Backups (mariadb-dump --single-transaction): reading, with the view of
-- events and triggers a dump asks for.
CREATE USER IF NOT EXISTS 'newsline_backup'@'localhost' IDENTIFIED VIA unix_socket;
GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES ON newsline.* TO 'newsline_backup'@'localhost';

-- Read replicas (README, "Several hosts"), on the primary: the user they
-- replicate as, from the replicas' private addresses only. Each replica runs
-- with read_only = ON, server_id of its own, and
--   CHANGE MASTER TO MASTER_HOST='10.0.0.21', MASTER_USER='newsline_replication',
--     MASTER_PASSWORD='...', MASTER_USE_GTID=slave_pos; START SLAVE;
-- The users above reach the replicas through replication, grants included.
-- CREATE USER IF NOT EXISTS 'newsline_replication'@'10.0.0.%' IDENTIFIED BY 'CHANGE-ME-REPLICATION';
-- GRANT REPLICATION SLAVE ON *.* TO 'newsline_replication'@'10.0.0.%';
