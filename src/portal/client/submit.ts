import type { FormEvent } from 'react'

/** A form's submit handler that keeps what was typed (no reset) and hands over its fields. */
export const onSubmitForm =
  (handler: (form: FormData) => unknown) =>
  (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void handler(new FormData(event.currentTarget))
  }
