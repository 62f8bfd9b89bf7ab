import type { Tab } from 'payload'

/** The "Percakapan" tab the notifications plugin adds to the customer page (no stored fields). */
export const customerConversationTab: Tab = {
  label: { en: 'Conversation', id: 'Percakapan' },
  fields: [
    {
      name: 'conversation',
      type: 'ui',
      admin: {
        components: { Field: '/src/plugins/notifications/components/CustomerConversation#CustomerConversation' },
      },
    },
  ],
}
