-- The supervisor's review of a declaration (申报复核 通过, issue 26): its optional opinion, who gave it
-- and when, kept on the declaration for the authority's 受理 dialog, 综合信息 and the 申报表. Set by
-- 通过; cleared when a round ends (退回, 不受理) or a new one starts (提交). The audit trail keeps every
-- round's opinion as it always did.
ALTER TABLE declarations ADD COLUMN review_opinion TEXT;
ALTER TABLE declarations ADD COLUMN reviewed_by TEXT;
ALTER TABLE declarations ADD COLUMN reviewed_at BIGINT;
