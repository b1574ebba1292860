package io.switchboard.accounts;

import io.switchboard.infrastructure.PendingImports;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.AccountImportRecord;

import static switchboard.jooq.Tables.ACCOUNT_IMPORT;

/** Checked account imports waiting for the operator's go, with the tokens sealed. */
@Repository
class ImportRepository extends PendingImports<AccountImportRecord> {

    ImportRepository(DSLContext db) {
        super(db, ACCOUNT_IMPORT, ACCOUNT_IMPORT.ID, ACCOUNT_IMPORT.CREATED_BY, ACCOUNT_IMPORT.CREATED_AT,
                ACCOUNT_IMPORT.ROWS);
    }
}
