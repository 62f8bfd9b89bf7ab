import type { TaskConfig } from 'payload'

/**
 * Makes a password-reset token and emails the link (Payload's own forgot-password), for a request
 * taken by `requestPasswordReset`. Nothing happens for a login name no account has. Payload keeps
 * one email per account per 15 seconds, so a retry after a sent email sends no second one soon.
 */
export const sendPasswordResetTask: TaskConfig<'sendPasswordReset'> = {
  slug: 'sendPasswordReset',
  label: 'Password reset email',
  retries: 3,
  inputSchema: [
    { name: 'collection', type: 'text', required: true },
    { name: 'email', type: 'text' },
    { name: 'username', type: 'text' },
  ],
  handler: async ({ input, req }) => {
    req.context.queuedPasswordReset = true
    await req.payload.forgotPassword({
      collection: input.collection as 'users',
      data: { email: input.email ?? '', ...(input.username ? { username: input.username } : {}) },
      req,
    })
    return { output: {} }
  },
}
