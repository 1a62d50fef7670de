/**
 * `next-auth-kit/locales/ja/server`: Japanese error messages and account emails.
 *
 * 用語（コンポーネントも同じものを使います）: ログイン (sign in)、ログアウト (sign out)、
 * アカウント登録 / アカウントを作成 (sign up)、パスワード、メールアドレス、アカウント、リンク、
 * 2段階認証（有効 / 無効）、認証アプリ、リカバリーコード、セッション。です・ます調。
 * 簡潔で分かりやすく。
 *
 * @example
 * ```ts
 * import { ja } from "next-auth-kit/locales/ja/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [ja] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Japanese (`ja`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { ja } from "next-auth-kit/locales/ja/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [ja] })
 * ```
 */
export const ja: ServerMessages = {
  locale: "ja",
  errors: {
    method_not_allowed: "このルートではこのメソッドは使用できません。",
    unauthenticated: "続けるにはログインしてください。",
    forbidden: "このリソースへのアクセス権がありません。",
    internal_error: "問題が発生しました。しばらくしてからもう一度お試しください。",
    invalid_input: "未入力または無効な項目があります。",
    invalid_token: "このリンクは無効か、有効期限が切れています。新しいリンクをリクエストしてください。",
    rate_limited: "試行回数が多すぎます。{time}後にもう一度お試しください。",
    not_found: "ここには何もありません。",
    mfa_enabled: "2段階認証はすでに有効になっています。",
    mfa_not_enabled: "2段階認証は有効になっていません。",
    mfa_setup_required: "先に2段階認証の設定を始めてください。",
    last_sign_in_method: "これが唯一のサインイン方法です。先にパスワードを設定するか、別のアカウントを連携してください。",
    reauthentication_required: "まず本人であることを確認してください。パスワードまたはコードをもう一度入力してください。",
  },
  emails: {
    greeting: "{name} 様",
    greetingAnonymous: "お客様",
    linkFallback: "ボタンが機能しない場合は、次のリンクをブラウザにコピーしてください：",
    signature: "— {appName}",
    "verify-email": {
      subject: "{appName} のメールアドレスを確認してください",
      intro: ["{appName} にご登録いただきありがとうございます。このメールアドレスがご本人のものであることを確認してください。"],
      action: "メールアドレスを確認",
      outro: [
        "このリンクは1回だけ使用でき、{expiresIn}で有効期限が切れます。",
        "アカウントを作成した覚えがない場合は、このメールを無視してください。",
      ],
    },
    "reset-password": {
      subject: "{appName} のパスワードの再設定",
      intro: ["お使いのアカウントのパスワード再設定のリクエストを受け付けました。"],
      action: "新しいパスワードを設定",
      outro: [
        "このリンクは1回だけ使用でき、{expiresIn}で有効期限が切れます。",
        "このリクエストに覚えがない場合は、このメールを無視してください。パスワードは変更されません。",
      ],
    },
    "signup-attempt": {
      subject: "あなたのメールアドレスで {appName} への登録が試みられました",
      intro: [
        "先ほど、あなたのメールアドレスでアカウントの作成が試みられました。すでにアカウントをお持ちのため、何も変更されていません。",
        "ご本人の場合は、代わりにログインしてください。パスワードを忘れた場合は、ログインページから再設定できます。",
      ],
      action: "ログイン",
      outro: ["ご本人でない場合は、このメールを無視してください。"],
    },
    "password-changed": {
      subject: "{appName} のパスワードが変更されました",
      intro: ["アカウントのパスワードが変更され、アカウントのほかのすべてのセッションからログアウトしました。"],
      action: "パスワードを再設定",
      outro: ["ご本人による変更であれば、これ以上の操作は必要ありません。そうでない場合は、今すぐパスワードを再設定してください。"],
    },
    "mfa-enabled": {
      subject: "{appName} アカウントの2段階認証が有効になりました",
      intro: [
        "アカウントの2段階認証が有効になりました。今後のログインでは、パスワードの後に認証アプリのコード（またはリカバリーコードのいずれか）の入力が必要です。",
      ],
      action: "パスワードを再設定",
      outro: [
        "ご本人による変更であれば、リカバリーコードを安全な場所に保管してください。そうでない場合は、第三者がアカウントにアクセスしています。今すぐパスワードを再設定してください。",
      ],
    },
    "mfa-disabled": {
      subject: "{appName} アカウントの2段階認証が無効になりました",
      intro: ["アカウントの2段階認証が無効になりました。今後のログインではパスワードのみが必要です。"],
      action: "パスワードを再設定",
      outro: [
        "ご本人による変更であれば、これ以上の操作は必要ありません。そうでない場合は、今すぐパスワードを再設定し、2段階認証をもう一度有効にしてください。",
      ],
    },
    "new-sign-in": {
      subject: "{appName} アカウントへの新しいサインイン",
      intro: [
        "これまでこのアカウントで使われたことのないブラウザーから、アカウントにサインインがありました。",
        "日時: {time}",
        "ブラウザー: {browser}（{os}）",
        "IP アドレス: {ip}",
      ],
      action: "セッションを確認する",
      outro: [
        "お心当たりがある場合は、何もする必要はありません。お心当たりがない場合は、アカウントページからそのセッションをサインアウトし、パスワードを変更してください。",
      ],
    },
    "account-deleted": {
      subject: "{appName} のアカウントが削除されました",
      intro: ["あなたのアカウントは、サインイン方法、セッション、2 段階認証の設定とともに削除され、すべてのセッションがサインアウトされました。"],
      action: "サインインページへ",
      outro: ["ご自身で削除した場合は、これ以上の操作は不要です。心当たりがない場合は、他の人があなたのアカウントにアクセスしていました。アプリのサポートに連絡してください。"],
    },
  },
}
