package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin
import spock.lang.Specification

/** What PostgresAdmin.unswap does, told by the databases a restore's swap left: every state a kill may leave. */
class DatabaseSwapStateSpec extends Specification {

    def "live #live, staged #staged, previous #previous: #state"() {
        expect:
        PostgresAdmin.SwapState.of(live, staged, previous).name() == state

        where:
        live  | staged | previous || state
        true  | true   | false    || 'NOT_SWAPPED'   // not started, or connections refused only
        false | true   | true     || 'LIVE_RENAMED'  // put back: previous -> live
        true  | false  | true     || 'SWAPPED'       // put back: live -> staged, previous -> live
        true  | true   | true     || 'NOT_SWAPPED'   // a previous left from before: the live one is the original
        true  | false  | false    || 'NOT_SWAPPED'   // undone already, staging dropped
        false | true   | false    || 'NO_LIVE'
        false | false  | false    || 'NO_LIVE'
    }
}
