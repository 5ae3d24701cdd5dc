-- The ruleset registry: one row per deployed version, the active one marked ACTIVE.
CREATE TABLE rulesets (
    name        text        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    source_name text        NOT NULL,
    source      text        NOT NULL,
    checksum    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
    deployed_at timestamptz NOT NULL,
    -- the member that deployed it (a client-given name once clients send one)
    deployed_by text,
    comment     text,
    PRIMARY KEY (name, version)
);

-- at most one active version per ruleset, whatever a writer does
CREATE UNIQUE INDEX rulesets_one_active ON rulesets (name) WHERE status = 'ACTIVE';

-- Every change of a ruleset, in order: a deploy, an activation, a rollback (an activation of an older version).
CREATE TABLE ruleset_events (
    name    text        NOT NULL,
    seq     integer     NOT NULL CHECK (seq > 0),
    type    text        NOT NULL CHECK (type IN ('DEPLOY', 'ACTIVATE', 'ROLLBACK')),
    version integer     NOT NULL,
    at      timestamptz NOT NULL,
    actor   text,
    PRIMARY KEY (name, seq)
);
