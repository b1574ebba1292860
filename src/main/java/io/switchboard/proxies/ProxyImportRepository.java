package io.switchboard.proxies;

import io.switchboard.infrastructure.PendingImports;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import switchboard.jooq.tables.records.ProxyImportRecord;

import static switchboard.jooq.Tables.PROXY_IMPORT;

/** Checked proxy imports waiting for the operator's go, with the passwords sealed. */
@Repository
class ProxyImportRepository extends PendingImports<ProxyImportRecord> {

    ProxyImportRepository(DSLContext db) {
        super(db, PROXY_IMPORT, PROXY_IMPORT.ID, PROXY_IMPORT.CREATED_BY, PROXY_IMPORT.CREATED_AT, PROXY_IMPORT.ROWS);
    }
}
