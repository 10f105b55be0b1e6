// Numbered schema migrations; index + 1 is the user_version it brings the store to. Never edit a
// released migration: add a new one.

export const MIGRATIONS: readonly string[] = [
  // 1: source snapshots and the fetches that produced them.
  `
  CREATE TABLE snapshots (
    raw_sha256 TEXT NOT NULL,
    extractor_id TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('html', 'text', 'pdf')),
    content_type TEXT,
    charset TEXT,
    title TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    text_chars INTEGER NOT NULL,
    raw_path TEXT NOT NULL,
    text_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (raw_sha256, extractor_id, extractor_version)
  );
  CREATE TABLE fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('fetched', 'not_modified', 'failed')),
    status INTEGER,
    content_type TEXT,
    bytes INTEGER,
    raw_sha256 TEXT,
    text_sha256 TEXT,
    extractor_id TEXT,
    extractor_version TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    redirects TEXT NOT NULL DEFAULT '[]',
    error_kind TEXT,
    error_message TEXT,
    FOREIGN KEY (raw_sha256, extractor_id, extractor_version) REFERENCES snapshots (raw_sha256, extractor_id, extractor_version)
  );
  CREATE INDEX fetches_by_url ON fetches (url, id);
  `,
  // 2: runs, article versions with their fingerprints, sections, claims, citations, verdicts and
  // every model call. Sections are written one transaction each, so a crash loses at most the
  // section in flight.
  `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    trigger TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    pipeline_version TEXT NOT NULL,
    provider TEXT NOT NULL,
    model_requested TEXT NOT NULL,
    verifier_id TEXT NOT NULL,
    verifier_version TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',
    pid INTEGER,
    error TEXT
  );
  CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    slug TEXT NOT NULL,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    spec_file TEXT NOT NULL,
    spec_version INTEGER NOT NULL,
    spec_hash TEXT NOT NULL,
    spec_json TEXT NOT NULL,
    template_id TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    template_hash TEXT NOT NULL,
    system_prompt_version INTEGER NOT NULL,
    system_prompt_hash TEXT NOT NULL,
    provider TEXT NOT NULL,
    model_requested TEXT NOT NULL,
    model_reported TEXT,
    api_version TEXT,
    sdk_version TEXT,
    effort TEXT,
    verifier_id TEXT NOT NULL,
    verifier_version TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'partial', 'failed', 'interrupted')),
    error TEXT,
    UNIQUE (slug, version)
  );
  CREATE TABLE article_sources (
    article_version_id INTEGER NOT NULL REFERENCES article_versions (id),
    source_number INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    tier TEXT NOT NULL,
    raw_sha256 TEXT,
    text_sha256 TEXT,
    extractor_id TEXT,
    extractor_version TEXT,
    fetched_at TEXT,
    error TEXT,
    PRIMARY KEY (article_version_id, source_number)
  );
  CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    article_version_id INTEGER NOT NULL REFERENCES article_versions (id),
    section_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    prompt_version INTEGER NOT NULL,
    prompt_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'not_drafted')),
    error TEXT,
    attempts INTEGER NOT NULL,
    provider TEXT NOT NULL,
    model_requested TEXT NOT NULL,
    model_reported TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    request_ids TEXT NOT NULL DEFAULT '[]',
    snapshot_hashes TEXT NOT NULL DEFAULT '{}',
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    reused_from INTEGER REFERENCES sections (id),
    UNIQUE (article_version_id, section_id)
  );
  CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    section_row_id INTEGER NOT NULL REFERENCES sections (id),
    block_index INTEGER NOT NULL,
    block_kind TEXT NOT NULL,
    claim_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    basis TEXT NOT NULL CHECK (basis IN ('source', 'llm', 'example')),
    claim_key TEXT NOT NULL,
    UNIQUE (section_row_id, block_index, claim_index)
  );
  CREATE INDEX claims_by_key ON claims (claim_key);
  CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    citation_index INTEGER NOT NULL,
    source_number INTEGER NOT NULL,
    quote TEXT NOT NULL,
    raw_sha256 TEXT,
    text_sha256 TEXT,
    UNIQUE (claim_id, citation_index)
  );
  CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    citation_id INTEGER REFERENCES citations (id),
    verdict TEXT NOT NULL CHECK (verdict IN ('supported', 'partially_supported', 'not_supported', 'unverifiable')),
    score REAL NOT NULL,
    reason TEXT NOT NULL,
    quote_status TEXT CHECK (quote_status IN ('exact', 'normalized', 'fuzzy', 'not_found')),
    quote_start INTEGER,
    quote_end INTEGER,
    quote_similarity REAL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT,
    is_flagged INTEGER NOT NULL,
    verifier_id TEXT NOT NULL,
    verifier_version TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX verdicts_by_claim ON verdicts (claim_id);
  CREATE TABLE model_calls (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    article_version_id INTEGER REFERENCES article_versions (id),
    section_id TEXT,
    purpose TEXT NOT NULL,
    provider TEXT NOT NULL,
    model_requested TEXT NOT NULL,
    model_reported TEXT,
    request_hash TEXT NOT NULL,
    request_id TEXT,
    started_at TEXT NOT NULL,
    latency_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    stop_reason TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'invalid_output', 'error')),
    error_kind TEXT,
    error_message TEXT
  );
  `,
  // 3: reviewer decisions. A decision attaches to a claim key (normalized sentence + cited
  // snapshot + quote), so it carries over to later versions that contain the same claim.
  `
  CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    claim_key TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    article_version_id INTEGER NOT NULL REFERENCES article_versions (id),
    reviewer TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'retag', 'replace_citation', 'edit')),
    note TEXT,
    payload TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX reviews_by_key ON reviews (claim_key, id);
  `,
  // 4: regeneration. A lease row (one per name) keeps two regen runs from overlapping: it expires
  // unless its holder renews it, so a crashed holder blocks the next run for one lease at most.
  // regen_runs keeps each regen's trigger, the plan it started from and what it did.
  `
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE regen_runs (
    run_id INTEGER PRIMARY KEY REFERENCES runs (id),
    trigger TEXT NOT NULL,
    plan TEXT NOT NULL,
    outcome TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  `,
  // 5: running at scale. runs.host (with pid) tells a crashed run from a live one; stopped_by says
  // what cap ended a run early. sections.run_id is the run that drafted the section (a resumed
  // version holds sections of two runs; NULL on older rows: the version's run). model_calls.batch_id
  // marks answers from a Message Batch (billed at the batch price). run_resumptions: versions a run
  // took over from an interrupted one. message_batches and batch_requests: each submitted batch and
  // which section each custom_id stands for, so a restarted job finds its open batches.
  `
  ALTER TABLE runs ADD COLUMN host TEXT;
  ALTER TABLE runs ADD COLUMN stopped_by TEXT;
  ALTER TABLE sections ADD COLUMN run_id INTEGER REFERENCES runs (id);
  ALTER TABLE model_calls ADD COLUMN batch_id TEXT;
  CREATE INDEX model_calls_by_run ON model_calls (run_id);
  CREATE INDEX article_versions_by_status ON article_versions (status);
  CREATE TABLE run_resumptions (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    article_version_id INTEGER NOT NULL REFERENCES article_versions (id),
    resumed_at TEXT NOT NULL,
    PRIMARY KEY (run_id, article_version_id)
  );
  CREATE TABLE message_batches (
    id TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    processing_status TEXT NOT NULL CHECK (processing_status IN ('in_progress', 'canceling', 'ended')),
    request_count INTEGER NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    polled_at TEXT,
    ended_at TEXT,
    collected_at TEXT
  );
  CREATE TABLE batch_requests (
    batch_id TEXT NOT NULL REFERENCES message_batches (id),
    custom_id TEXT NOT NULL,
    article_version_id INTEGER NOT NULL REFERENCES article_versions (id),
    section_id TEXT NOT NULL,
    result TEXT CHECK (result IN ('succeeded', 'errored', 'canceled', 'expired')),
    error TEXT,
    PRIMARY KEY (batch_id, custom_id)
  );
  CREATE INDEX batch_requests_by_section ON batch_requests (article_version_id, section_id);
  `,
  // 6: batch submissions and what became of each batch. batch_submissions: one row per batch create
  // the job was about to send (written before the request, so a create whose answer was lost, or a
  // process killed mid-create, leaves a record the next attempt or run resolves by looking for the
  // batch the API already has). message_batches.outcome: why a batch is no longer polled:
  // collected (its results stored), expired or canceled (collected; what was not processed is
  // drafted again), archived (results gone) or not_found (another key or workspace, or deleted):
  // for the last two its sections are queued again.
  `
  CREATE TABLE batch_submissions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    started_at TEXT NOT NULL,
    request_count INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    requests TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'submitted', 'adopted', 'refused', 'abandoned')),
    batch_id TEXT,
    error TEXT,
    resolved_at TEXT
  );
  CREATE INDEX batch_submissions_by_status ON batch_submissions (status);
  ALTER TABLE message_batches ADD COLUMN submission_id INTEGER REFERENCES batch_submissions (id);
  ALTER TABLE message_batches ADD COLUMN archived_at TEXT;
  ALTER TABLE message_batches ADD COLUMN cancel_initiated_at TEXT;
  ALTER TABLE message_batches ADD COLUMN outcome TEXT CHECK (outcome IN ('collected', 'expired', 'canceled', 'archived', 'not_found'));
  ALTER TABLE message_batches ADD COLUMN outcome_detail TEXT;
  ALTER TABLE message_batches ADD COLUMN closed_at TEXT;
  `,
  // 7: the review desk for a team. reviewer_accounts: who may log in to `wikigen review`, as a
  // reviewer (decides) or an editor (also publishes and manages accounts), with an scrypt password
  // hash or a SHA-256 hash of a random token (never the secret itself); disabled accounts stay, so
  // their past decisions keep a name that resolves. flag_comments and flag_assignments hang on the
  // claim key, as decisions do, so a comment or an assignment follows the claim into later versions.
  `
  CREATE TABLE reviewer_accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('reviewer', 'editor')),
    password_hash TEXT,
    token_sha256 TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    CHECK (password_hash IS NOT NULL OR token_sha256 IS NOT NULL)
  );
  CREATE TABLE flag_comments (
    id INTEGER PRIMARY KEY,
    claim_key TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_by TEXT,
    resolved_at TEXT
  );
  CREATE INDEX flag_comments_by_key ON flag_comments (claim_key);
  CREATE TABLE flag_assignments (
    claim_key TEXT PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    assignee TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL
  );
  `,
  // 8: reader revisions: suggestions from readers,
  // their drafted section and the decision, and the mail outbox. A suggestion row is written only after
  // the PHI guard passed; the email address stays in these two tables and never reaches a page.
  `
  CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('form', 'file')),
    article_slug TEXT NOT NULL,
    section_id TEXT NOT NULL,
    change_text TEXT NOT NULL,
    source_urls TEXT NOT NULL,
    email TEXT NOT NULL,
    credit TEXT NOT NULL CHECK (credit IN ('name', 'anonymous', 'none')),
    credit_name TEXT,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('received', 'drafted', 'draft_failed', 'approved', 'rejected')),
    base_version_id INTEGER REFERENCES article_versions (id),
    draft TEXT,
    draft_error TEXT,
    drafted_at TEXT,
    decided_at TEXT,
    decided_by TEXT,
    decision_note TEXT,
    result_version_id INTEGER REFERENCES article_versions (id)
  );
  CREATE INDEX suggestions_by_status ON suggestions (status);
  CREATE INDEX suggestions_by_article ON suggestions (article_slug);
  CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions (id),
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'drafted', 'decision')),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT
  );
  CREATE INDEX mail_outbox_pending ON mail_outbox (sent_at, next_attempt_at);
  `,
  // 9: the evidence policy (issue 15). claims.elaborated marks a sourced sentence with the model's
  // own framing ("4 LLM"); claims.sourced_text is the verbatim part of its text that the quote
  // supports, the part the verifier checks. Older claims are plain (0, NULL). Policy flags need no
  // table: they are claim-level verdict rows like the verifier's (see verify-section-claims.ts).
  `
  ALTER TABLE claims ADD COLUMN elaborated INTEGER NOT NULL DEFAULT 0 CHECK (elaborated IN (0, 1));
  ALTER TABLE claims ADD COLUMN sourced_text TEXT;
  `,
  // 10: templates per kind. Why a section was not drafted, when the model said so. no_source_material: the
  // model read the article's sources and found nothing the section covers (its reason is in error).
  // NULL: not drafted for another reason (the offline provider cannot write the section's kinds).
  `
  ALTER TABLE sections ADD COLUMN not_drafted_reason TEXT CHECK (not_drafted_reason IN ('no_source_material'));
  `,
  // 11: the reference page. The page's parts that are not claims.
  // sections.figure: the concept figure the section's answer proposed, as JSON {kind, center, items}
  // (model-written, or built offline by the extractive provider: sections.provider says which).
  // sections.template_note: the template's fixed framing sentence for the section, stored so that
  // rendering stays a function of stored rows.
  `
  ALTER TABLE sections ADD COLUMN figure TEXT;
  ALTER TABLE sections ADD COLUMN template_note TEXT;
  `,
];
