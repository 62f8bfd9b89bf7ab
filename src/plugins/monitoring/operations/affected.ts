import { sql } from '@payloadcms/db-postgres'

import { DEFAULT_INCIDENT_WINDOW_SECONDS } from './settings'
import { placeCustomer } from './topology'

/** A drizzle SQL fragment. */
type SQL = ReturnType<typeof sql>

/** The incident window of the settings (seconds), read where the rule is applied. */
const incidentWindow = sql`coalesce((SELECT incident_window_seconds FROM monitoring_settings LIMIT 1), ${DEFAULT_INCIDENT_WINDOW_SECONDS})::float8`

/**
 * Who an incident affects: the one definition the correlator, the notices, the billing pause, the
 * dashboards and the access rule share. Nothing stores it per customer; it is derived from the
 * incident (node, start, end) and the customers' outages:
 *
 * - the customer's node (see `placeCustomer`) is the incident's node or beneath it, and
 * - one of the customer's outages overlaps the incident: it started no earlier than the incident's
 *   start less the incident window, and before the incident resolved.
 *
 * In two parts for queries that judge many outages in one scan: `incidentReach` (a WITH RECURSIVE
 * item: each incident with every node it reaches) and `withinReach` (the test of one outage against
 * a reach row). `incidentOutages` puts them together.
 */
export function incidentReach(name: string, incidents: SQL): SQL {
  const reach = sql.identifier(name)
  return sql`${reach}(incident_id, node_id, admits_from, resolved_at, depth) AS (
    SELECT i.id, i.node_id, i.started_at - make_interval(secs => ${incidentWindow}), i.resolved_at, 0
      FROM network_incidents i WHERE i.node_id IS NOT NULL AND (${incidents})
    UNION ALL
    -- The depth bound cuts a loop in the data (a node made its own ancestor).
    SELECT r.incident_id, n.id, r.admits_from, r.resolved_at, r.depth + 1
      FROM ${reach} r JOIN network_nodes n ON n.parent_id = r.node_id WHERE r.depth < 12)`
}

/**
 * The definition's test over a reach row `r` and an outage `o` of a customer placed on `node`
 * (with `placeCustomer`, `coalesce(odp.id, rn.id)`): the incident affects that customer.
 */
export const withinReach = (node: SQL = sql`coalesce(odp.id, rn.id)`) =>
  sql`r.node_id = ${node} AND o.started_at >= r.admits_from AND (r.resolved_at IS NULL OR o.started_at < r.resolved_at)`

/**
 * One row per (incident, outage) by the definition: `incident_id`, `customer_id`, `outage_id`,
 * `started_at`, `ended_at` of the outage. `incidents` narrows the incidents (a condition over `i`,
 * `network_incidents`), `outages` the outages looked at (a condition over `o`,
 * `customer_outages`); the narrower both are, the less is read.
 */
export function incidentOutages({ incidents, outages = sql`true` }: { incidents: SQL; outages?: SQL }): SQL {
  return sql`(
    WITH RECURSIVE ${incidentReach('reach', incidents)}
    SELECT DISTINCT r.incident_id, o.customer_id, o.id AS outage_id, o.started_at, o.ended_at
      FROM customer_outages o JOIN customers c ON c.id = o.customer_id ${placeCustomer}
      JOIN reach r ON ${withinReach()}
     WHERE o.started_at >= (SELECT min(admits_from) FROM reach) AND (${outages}))`
}

/** `incidentOutages` as (incident_id, customer_id), each customer once per incident. */
export function incidentCustomers(where: { incidents: SQL; outages?: SQL }): SQL {
  return sql`(SELECT DISTINCT incident_id, customer_id FROM ${incidentOutages(where)} m)`
}

/**
 * The incidents that affect one customer (`incident_id`), by the same definition: only incidents on
 * the customer's node or above it are looked at, and only the customer's outages.
 */
export function incidentsOfCustomer(customerId: number): SQL {
  return sql`(SELECT DISTINCT m.incident_id FROM ${incidentOutages({
    incidents: sql`i.node_id IN (
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT n.id, n.parent_id, 0 FROM customers c ${placeCustomer} JOIN network_nodes n ON n.id = coalesce(odp.id, rn.id)
         WHERE c.id = ${customerId}
        UNION ALL
        SELECT n.id, n.parent_id, up.depth + 1 FROM up JOIN network_nodes n ON n.id = up.parent_id WHERE up.depth < 12)
      SELECT id FROM up)`,
    outages: sql`o.customer_id = ${customerId}`,
  })} m)`
}
