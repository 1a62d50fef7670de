import type { GetServerSideProps } from "next"
import { db, outboxEnabled } from "../../lib/auth"
import { readOutbox } from "../../lib/database.mjs"

type Email = Awaited<ReturnType<typeof readOutbox>>[number]

// Emails the playground would have sent, newest first. Only in the playground: a real app
// sends them with its mailer.
export const getServerSideProps: GetServerSideProps<{ emails: Email[] }> = async () =>
  outboxEnabled ? { props: { emails: await readOutbox(db) } } : { notFound: true }

export default function Outbox({ emails }: { emails: Email[] }) {
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Dev outbox</h1>
      {emails.length === 0 ? (
        <p>No emails yet.</p>
      ) : (
        <ol className="outbox">
          {emails.map((email, index) => (
            <li key={`${email.sentAt}-${index}`} data-kind={email.kind}>
              <h2>{email.subject}</h2>
              <p>
                To <strong>{email.to}</strong>, <time dateTime={email.sentAt}>{new Date(email.sentAt).toLocaleString("en")}</time>
              </p>
              <p>
                <a href={email.url}>{email.url}</a>
              </p>
              <pre>{email.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
