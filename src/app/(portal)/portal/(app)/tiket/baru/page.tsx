import { TicketForm } from '../../../../../../portal/client/TicketForm'
import { portalSession } from '../../../../../../portal/session'
import { Shell } from '../../../../../../portal/Shell'

export const metadata = { title: 'Lapor gangguan' }
export const dynamic = 'force-dynamic'

export default async function NewTicketPage() {
  await portalSession()
  return (
    <Shell current="tickets" title="Lapor gangguan">
      <TicketForm />
    </Shell>
  )
}
