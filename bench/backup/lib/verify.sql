-- Checks every single-column foreign key of the database (the generator inserts with the
-- foreign-key triggers off): raises an error naming the first key with rows that point nowhere.
\set ON_ERROR_STOP on
DO $$
DECLARE
    fk record;
    orphans bigint;
    checked int := 0;
BEGIN
    FOR fk IN
        SELECT c.conname, c.conrelid::regclass AS child, a.attname AS col,
               c.confrelid::regclass AS parent, pa.attname AS pcol
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.connamespace = 'public'::regnamespace
    LOOP
        EXECUTE format('SELECT count(*) FROM %s c WHERE c.%I IS NOT NULL AND NOT EXISTS '
                       '(SELECT 1 FROM %s p WHERE p.%I = c.%I)', fk.child, fk.col, fk.parent, fk.pcol, fk.col)
            INTO orphans;
        IF orphans > 0 THEN
            RAISE EXCEPTION 'foreign key %: % rows of %.% point nowhere in %', fk.conname, orphans, fk.child, fk.col, fk.parent;
        END IF;
        checked := checked + 1;
    END LOOP;
    RAISE NOTICE 'foreign keys: % checked, no dangling reference', checked;
END $$;
