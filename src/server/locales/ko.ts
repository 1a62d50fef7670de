/**
 * `next-auth-kit/locales/ko/server`: Korean error messages and account emails.
 *
 * 용어(컴포넌트도 같은 용어를 씁니다): 로그인 (sign in), 로그아웃 (sign out), 회원가입 /
 * 계정 만들기 (sign up), 비밀번호, 이메일 주소, 계정, 링크, 2단계 인증(사용 설정 / 사용 중지), 인증 앱,
 * 복구 코드, 세션. 합니다체 / 하세요체. 어조: 간결하고 쉽게.
 *
 * @example
 * ```ts
 * import { ko } from "next-auth-kit/locales/ko/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [ko] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Korean (`ko`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { ko } from "next-auth-kit/locales/ko/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [ko] })
 * ```
 */
export const ko: ServerMessages = {
  locale: "ko",
  errors: {
    method_not_allowed: "이 경로에서는 허용되지 않는 메서드입니다.",
    unauthenticated: "계속하려면 로그인하세요.",
    forbidden: "이 리소스에 접근할 권한이 없습니다.",
    internal_error: "문제가 발생했습니다. 잠시 후 다시 시도하세요.",
    invalid_input: "일부 항목이 누락되었거나 올바르지 않습니다.",
    invalid_token: "이 링크는 유효하지 않거나 만료되었습니다. 새 링크를 요청하세요.",
    rate_limited: "시도 횟수가 너무 많습니다. {time} 후에 다시 시도하세요.",
    not_found: "여기에는 아무것도 없습니다.",
    mfa_enabled: "2단계 인증이 이미 사용 설정되어 있습니다.",
    mfa_not_enabled: "2단계 인증이 사용 설정되어 있지 않습니다.",
    mfa_setup_required: "먼저 2단계 인증 설정을 시작하세요.",
    last_sign_in_method: "유일한 로그인 방법입니다. 먼저 비밀번호를 추가하거나 다른 계정을 연결하세요.",
    reauthentication_required: "먼저 본인임을 확인하세요. 비밀번호나 코드를 다시 입력하세요.",
    passkey_invalid: "패스키를 확인할 수 없습니다. 다시 시도하거나 다른 방법으로 로그인하세요.",
  },
  emails: {
    greeting: "{name}님, 안녕하세요.",
    greetingAnonymous: "안녕하세요.",
    linkFallback: "버튼이 작동하지 않으면 이 링크를 브라우저에 복사하세요:",
    signature: "— {appName}",
    "verify-email": {
      subject: "{appName} 이메일 주소를 확인하세요",
      intro: ["{appName}에 가입해 주셔서 감사합니다. 이 이메일 주소가 본인의 주소인지 확인해 주세요."],
      action: "이메일 주소 확인",
      outro: ["이 링크는 한 번만 사용할 수 있으며 {expiresIn} 후에 만료됩니다.", "계정을 만들지 않았다면 이 이메일을 무시하셔도 됩니다."],
    },
    "reset-password": {
      subject: "{appName} 비밀번호 재설정",
      intro: ["누군가(본인이기를 바랍니다) 계정의 비밀번호 재설정을 요청했습니다."],
      action: "새 비밀번호 설정",
      outro: [
        "이 링크는 한 번만 사용할 수 있으며 {expiresIn} 후에 만료됩니다.",
        "요청하지 않았다면 이 이메일을 무시하셔도 됩니다. 비밀번호는 그대로 유지됩니다.",
      ],
    },
    "signup-attempt": {
      subject: "누군가 회원님의 주소로 {appName}에 가입하려고 했습니다",
      intro: [
        "누군가 방금 회원님의 이메일 주소로 계정을 만들려고 했습니다. 이미 계정이 있으므로 아무것도 변경되지 않았습니다.",
        "본인이었다면 대신 로그인하세요. 비밀번호를 잊었다면 로그인 페이지에서 재설정할 수 있습니다.",
      ],
      action: "로그인",
      outro: ["본인이 아니라면 이 이메일을 무시하셔도 됩니다."],
    },
    "password-changed": {
      subject: "{appName} 비밀번호가 변경되었습니다",
      intro: ["계정의 비밀번호가 방금 변경되었으며, 계정의 다른 모든 세션이 로그아웃되었습니다."],
      action: "비밀번호 재설정",
      outro: ["본인이 변경했다면 더 이상 할 일이 없습니다. 그렇지 않다면 지금 비밀번호를 재설정하세요."],
    },
    "mfa-enabled": {
      subject: "{appName} 계정에 2단계 인증이 사용 설정되었습니다",
      intro: [
        "계정에 2단계 인증이 방금 사용 설정되었습니다. 이제부터 로그인할 때 비밀번호 다음에 인증 앱의 코드(또는 복구 코드 중 하나)를 입력해야 합니다.",
      ],
      action: "비밀번호 재설정",
      outro: [
        "본인이 변경했다면 복구 코드를 안전한 곳에 보관하세요. 그렇지 않다면 다른 사람이 계정에 접근할 수 있는 상태입니다. 지금 비밀번호를 재설정하세요.",
      ],
    },
    "mfa-disabled": {
      subject: "{appName} 계정의 2단계 인증이 사용 중지되었습니다",
      intro: ["계정의 2단계 인증이 방금 사용 중지되었습니다. 이제 로그인할 때 비밀번호만 입력하면 됩니다."],
      action: "비밀번호 재설정",
      outro: ["본인이 변경했다면 더 이상 할 일이 없습니다. 그렇지 않다면 지금 비밀번호를 재설정하고 2단계 인증을 다시 사용 설정하세요."],
    },
    "new-sign-in": {
      subject: "{appName} 계정에 새로운 로그인",
      intro: [
        "이 계정에서 한 번도 사용된 적 없는 브라우저에서 방금 계정에 로그인했습니다.",
        "일시: {time}",
        "브라우저: {browser} ({os})",
        "IP 주소: {ip}",
      ],
      action: "내 세션 확인하기",
      outro: [
        "본인이 맞다면 더 할 일은 없습니다. 본인이 아니라면 계정 페이지에서 해당 세션을 로그아웃하고 비밀번호를 변경하세요.",
      ],
    },
    "account-deleted": {
      subject: "{appName} 계정이 삭제되었습니다",
      intro: ["계정이 로그인 방법, 세션, 2단계 인증 설정과 함께 방금 삭제되었고, 모든 세션이 로그아웃되었습니다."],
      action: "로그인 페이지로 이동",
      outro: ["직접 삭제했다면 더 할 일은 없습니다. 그렇지 않다면 다른 사람이 계정에 접근했던 것입니다. 앱 지원팀에 문의하세요."],
    },
    "change-email": {
      subject: "{appName} 새 이메일 주소를 확인하세요",
      intro: ["누군가(본인이기를 바랍니다) {email} 주소를 {appName} 계정의 이메일 주소로 바꾸도록 요청했습니다. 변경을 완료하려면 확인해 주세요."],
      action: "새 이메일 주소 확인",
      outro: ["이 링크는 한 번만 사용할 수 있으며 {expiresIn} 후에 만료됩니다.", "요청하지 않았다면 이 이메일을 무시하셔도 됩니다. 아무것도 바뀌지 않습니다."],
    },
    "email-change-requested": {
      subject: "{appName} 이메일 주소 변경이 요청되었습니다",
      intro: ["누군가 계정의 이메일 주소를 {email} 주소로 변경하도록 요청했습니다. 변경은 해당 주소로 보낸 링크가 확인된 후에만 이루어집니다."],
      action: "비밀번호 재설정",
      outro: ["본인이 요청했다면 더 할 일은 없습니다. 그렇지 않다면 다른 사람이 계정에 접근하고 있습니다. 지금 비밀번호를 재설정하세요. 그러면 변경 요청도 취소됩니다."],
    },
    "email-change-attempt": {
      subject: "누군가 다른 {appName} 계정에 회원님의 주소를 사용하려고 했습니다",
      intro: ["누군가 방금 다른 계정의 이메일 주소를 회원님의 주소로 변경하려고 했습니다. 회원님의 주소는 회원님의 계정에 그대로 있으며, 아무것도 변경되지 않았습니다."],
      action: "로그인",
      outro: ["본인이었다면 대신 본인 계정으로 로그인하세요. 그렇지 않다면 이 이메일을 무시하셔도 됩니다."],
    },
    "email-changed": {
      subject: "{appName} 이메일 주소가 변경되었습니다",
      intro: ["계정의 이메일 주소가 방금 {email} 주소로 변경되었으며, 계정의 다른 모든 세션이 로그아웃되었습니다. 이제 이메일은 새 주소로 발송됩니다."],
      action: "로그인 페이지로 이동",
      outro: ["직접 변경했다면 더 할 일은 없습니다. 그렇지 않다면 다른 사람이 계정에 접근했던 것입니다. 앱 지원팀에 문의하세요."],
    },
    "passkey-added": {
      subject: "{appName} 계정에 패스키가 추가되었습니다",
      intro: ["방금 계정에 패스키가 추가되었습니다. 이제 이 패스키로 로그인할 수 있으며, 계정의 다른 모든 세션은 로그아웃되었습니다."],
      action: "내 패스키 확인",
      outro: ["직접 추가했다면 더 할 일은 없습니다. 그렇지 않다면 다른 사람이 계정에 접근할 수 있습니다. 계정 페이지에서 패스키를 삭제하고 비밀번호를 변경하세요."],
    },
    "passkey-removed": {
      subject: "{appName} 계정에서 패스키가 삭제되었습니다",
      intro: ["방금 계정에서 패스키가 삭제되었습니다. 이제 이 패스키로는 로그인할 수 없으며, 계정의 다른 모든 세션은 로그아웃되었습니다."],
      action: "내 패스키 확인",
      outro: ["직접 삭제했다면 더 할 일은 없습니다. 그렇지 않다면 다른 사람이 계정에 접근할 수 있습니다. 패스키를 확인하고 비밀번호를 변경하세요."],
    },
  },
}
