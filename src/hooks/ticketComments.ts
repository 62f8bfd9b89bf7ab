import type { CollectionBeforeValidateHook } from 'payload'

import { prepareTicketComment as prepare } from '../operations/ticketComments'

/** Checks the ticket as the writer and signs the comment (see prepareTicketComment). */
export const prepareTicketComment: CollectionBeforeValidateHook = async ({ data, operation, req }) =>
  operation === 'create' && data ? prepare({ req, data }) : data
