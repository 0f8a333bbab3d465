-- The code word the person and their volunteer share (set at the claim, cleared when the
-- case goes back to the queue, erased with the case's personal fields).
ALTER TABLE cases ADD COLUMN code_word TEXT;
