import { beforeAll, describe, expect, it } from 'vitest'

import { createCustomer, createStaff } from '../helpers/fixtures'
import { api, gql, login } from '../helpers/http'
import { testPayload } from '../helpers/payload'

describe('explore', () => {
  it('introspects', async () => {
    const payload = await testPayload()
    const a = await createCustomer(payload, { notes: 'rahasia' })
    const b = await createCustomer(payload)
    const { email } = await createStaff(payload, 'content_editor')
    const ce = await login('users', { email, password: 'rahasia-uji-123' })
    const tb = await login('customers', { username: b.customer.number!, password: b.password })
    const ta = await login('customers', { username: a.customer.number!.toLowerCase(), password: a.password }).catch((e) => String(e))
    console.log('ta lower', String(ta).slice(0, 80))
    const r = await gql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }')
    console.log(JSON.stringify(r.data.__schema.queryType.fields.map((f: any) => f.name)))
    console.log(JSON.stringify(r.data.__schema.mutationType.fields.map((f: any) => f.name)))
    for (const [t, tok] of [['ce', ce], ['b', tb], ['anon', undefined]] as const) {
      const l = await api(`/api/customers?where[id][in]=${a.customer.id},${b.customer.id}`, { token: tok })
      console.log(t, 'list', l.status, l.text.slice(0, 300))
      const one = await api(`/api/customers/${a.customer.id}`, { token: tok })
      console.log(t, 'one', one.status, one.text.slice(0, 200))
      const g = await gql(`query($ids:[Int]){ Customers(where:{id:{in:$ids}}){ docs { id name notes } } Customer(id:${a.customer.id}) { id } }`, { ids: [a.customer.id, b.customer.id] }, tok)
      console.log(t, 'gql', JSON.stringify(g).slice(0, 500))
      const locks = await api(`/api/payload-locked-documents`, { token: tok })
      console.log(t, 'locks', locks.status, locks.text.slice(0, 200))
      const mig = await api(`/api/payload-migrations`, { token: tok })
      console.log(t, 'mig', mig.status, mig.text.slice(0, 200))
    }
  })
})
