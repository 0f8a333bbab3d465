-- Which message each relayed copy was copied from, so an edit of the original (a text or a
-- caption the person or the volunteer corrected) is applied to its copy. Ids only.
ALTER TABLE relay_map ADD COLUMN source_chat INTEGER;
ALTER TABLE relay_map ADD COLUMN source_message INTEGER;
CREATE INDEX relay_map_by_source ON relay_map (source_chat, source_message);
