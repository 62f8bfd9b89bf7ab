import { describe, expect, it } from 'vitest'

import { customerEvents } from '../../src/operations/customerEvents'
import { equipmentEvents } from '../../src/operations/equipmentEvents'
import { applyTicketWorkflow, canTransition } from '../../src/operations/ticketWorkflow'

describe('customer lifecycle events', () => {
  it('activation on create as active, nothing for a prospect', () => {
    expect(customerEvents(undefined, { id: 1, status: 'active' }).map((e) => e.type)).toEqual(['activation'])
    expect(customerEvents(undefined, { id: 1, status: 'prospect' })).toEqual([])
  })
  it('suspension, restore, termination and package change', () => {
    expect(customerEvents({ id: 1, status: 'active' }, { id: 1, status: 'suspended' }).map((e) => e.type)).toEqual([
      'suspension',
    ])
    expect(customerEvents({ id: 1, status: 'suspended' }, { id: 1, status: 'active' }).map((e) => e.type)).toEqual([
      'restore',
    ])
    expect(customerEvents({ id: 1, status: 'active' }, { id: 1, status: 'terminated' }).map((e) => e.type)).toEqual([
      'termination',
    ])
    const change = customerEvents(
      { id: 1, status: 'active', package: 2 },
      { id: 1, status: 'active', package: { id: 3 } },
    )
    expect(change).toMatchObject([{ type: 'package_change', details: { fromPackage: 2, toPackage: 3 } }])
  })
})

describe('equipment events', () => {
  it('install, return, broken and swap', () => {
    expect(
      equipmentEvents(
        { id: 9, status: 'in_stock', holder: null },
        { id: 9, status: 'installed', holder: 5, serial: 'SN1' },
      ),
    ).toMatchObject([{ customer: 5, type: 'equipment_installed' }])
    expect(
      equipmentEvents(
        { id: 9, status: 'installed', holder: 5 },
        { id: 9, status: 'returned', holder: null, serial: 'SN1' },
      ),
    ).toMatchObject([{ customer: 5, type: 'equipment_returned' }])
    expect(
      equipmentEvents({ id: 9, status: 'installed', holder: 5 }, { id: 9, status: 'broken', holder: 5, serial: 'SN1' }),
    ).toMatchObject([{ customer: 5, type: 'equipment_broken' }])
    expect(
      equipmentEvents(undefined, { id: 10, status: 'installed', holder: 5, serial: 'SN2', replaces: 9 }),
    ).toMatchObject([{ customer: 5, type: 'equipment_swapped' }])
    // Moving straight from one customer to another: returned by the first, installed at the second.
    expect(
      equipmentEvents({ id: 9, status: 'installed', holder: 5 }, { id: 9, status: 'installed', holder: 6 }).map((e) => [
        e.customer,
        e.type,
      ]),
    ).toEqual([
      [5, 'equipment_returned'],
      [6, 'equipment_installed'],
    ])
    expect(
      equipmentEvents({ id: 9, status: 'in_stock', holder: null }, { id: 9, status: 'in_stock', holder: null }),
    ).toEqual([])
    // The swap belongs to the first install; moving the device on later is an ordinary install.
    expect(
      equipmentEvents(
        { id: 10, status: 'installed', holder: 5, replaces: 9 },
        { id: 10, status: 'installed', holder: 6, replaces: 9 },
      ).map((e) => e.type),
    ).toEqual(['equipment_returned', 'equipment_installed'])
  })
})

describe('ticket workflow', () => {
  it('allows the lifecycle and reopen, refuses skips', () => {
    expect(canTransition('open', 'assigned')).toBe(true)
    expect(canTransition('assigned', 'in_progress')).toBe(true)
    expect(canTransition('in_progress', 'resolved')).toBe(true)
    expect(canTransition('resolved', 'closed')).toBe(true)
    expect(canTransition('closed', 'open')).toBe(true)
    expect(canTransition('resolved', 'open')).toBe(true)
    expect(canTransition('open', 'resolved')).toBe(false)
    expect(canTransition('closed', 'resolved')).toBe(false)
    expect(canTransition('open', 'in_progress')).toBe(false)
  })
})

describe('applyTicketWorkflow', () => {
  const now = new Date('2026-01-05T03:00:00Z')
  it('assigns an open ticket when a technician is set, and notes it in the timeline', () => {
    const result = applyTicketWorkflow({
      data: { assignedTechnician: 7 },
      original: { status: 'open', timeline: [] },
      operation: 'update',
      actorName: 'Dewi',
      now,
    })
    expect(result.status).toBe('assigned')
    expect(result.timeline).toEqual([{ at: now.toISOString(), authorName: 'Dewi', note: 'Status: Baru → Ditugaskan' }])
  })
  it('stamps the resolution time and refuses a rating before the ticket is finished', () => {
    const resolved = applyTicketWorkflow({
      data: { status: 'resolved' },
      original: { status: 'in_progress', assignedTechnician: 7 },
      operation: 'update',
      actorName: 'Agus',
      now,
    })
    expect(resolved.resolvedAt).toBe(now.toISOString())
    expect(() =>
      applyTicketWorkflow({
        data: { rating: 5 },
        original: { status: 'assigned', assignedTechnician: 7 },
        operation: 'update',
        actorName: 'Budi',
        now,
      }),
    ).toThrow()
    expect(() =>
      applyTicketWorkflow({
        data: { status: 'resolved' },
        original: { status: 'open' },
        operation: 'update',
        actorName: 'Dewi',
        now,
      }),
    ).toThrow()
  })
})
