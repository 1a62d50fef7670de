/**
 * `next-auth-kit/locales/zh-CN/server`: Simplified Chinese error messages and account emails.
 *
 * 术语（组件使用相同的术语）：登录 (sign in)、退出登录 (sign out)、注册 / 创建账号 (sign up)、
 * 密码、邮箱地址、账号、链接、双重身份验证（开启 / 关闭）、身份验证器应用、恢复码、会话。
 * 称呼用"你"。语气：简洁、直白。
 *
 * @example
 * ```ts
 * import { zhCN } from "next-auth-kit/locales/zh-CN/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [zhCN] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Simplified Chinese (`zh-CN`) error messages and account emails. Traditional Chinese
 * requests (`zh-TW`, `zh-HK`) do not fall back to it.
 *
 * @example
 * ```ts
 * import { zhCN } from "next-auth-kit/locales/zh-CN/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [zhCN] })
 * ```
 */
export const zhCN: ServerMessages = {
  locale: "zh-CN",
  errors: {
    method_not_allowed: "此路由不允许使用该方法。",
    unauthenticated: "请登录后继续。",
    forbidden: "你无权访问此资源。",
    internal_error: "出了点问题，请稍后再试。",
    invalid_input: "部分字段缺失或无效。",
    invalid_token: "此链接无效或已过期，请重新获取。",
    rate_limited: "尝试次数过多，请在{time}后重试。",
    not_found: "这里什么都没有。",
    mfa_enabled: "双重身份验证已开启。",
    mfa_not_enabled: "双重身份验证未开启。",
    mfa_setup_required: "请先开始设置双重身份验证。",
    last_sign_in_method: "这是你唯一的登录方式：请先设置密码或关联其他账户。",
    reauthentication_required: "请先确认是你本人：重新输入密码或验证码。",
    passkey_invalid: "无法验证通行密钥。请重试，或使用其他方式登录。",
  },
  emails: {
    greeting: "{name}，你好：",
    greetingAnonymous: "你好：",
    linkFallback: "如果按钮无法使用，请将此链接复制到浏览器中：",
    signature: "— {appName}",
    "verify-email": {
      subject: "确认你在 {appName} 的邮箱地址",
      intro: ["感谢你注册 {appName}。请确认这是你的邮箱地址。"],
      action: "确认我的邮箱地址",
      outro: ["此链接只能使用一次，{expiresIn}后失效。", "如果你没有创建账号，可以忽略此邮件。"],
    },
    "reset-password": {
      subject: "重置你的 {appName} 密码",
      intro: ["有人（希望是你本人）请求重置你账号的密码。"],
      action: "设置新密码",
      outro: ["此链接只能使用一次，{expiresIn}后失效。", "如果这不是你的请求，可以忽略此邮件：你的密码不会改变。"],
    },
    "signup-attempt": {
      subject: "有人尝试使用你的地址注册 {appName}",
      intro: [
        "有人刚刚尝试使用你的邮箱地址创建账号。你已经有一个账号，因此没有任何更改。",
        "如果是你本人，请直接登录。如果你忘记了密码，可以在登录页面重置。",
      ],
      action: "登录",
      outro: ["如果不是你本人，可以忽略此邮件。"],
    },
    "password-changed": {
      subject: "你的 {appName} 密码已更改",
      intro: ["你账号的密码刚刚已更改，你账号的所有其他会话均已退出登录。"],
      action: "重置我的密码",
      outro: ["如果这是你本人的操作，则无需再做任何事。如果不是，请立即重置密码。"],
    },
    "mfa-enabled": {
      subject: "你的 {appName} 账号已开启双重身份验证",
      intro: ["你的账号刚刚开启了双重身份验证。今后登录时，在输入密码后还需要输入身份验证器应用中的验证码（或你的某个恢复码）。"],
      action: "重置我的密码",
      outro: ["如果这是你本人的操作，请将恢复码保存在安全的地方。如果不是，说明其他人可以访问你的账号：请立即重置密码。"],
    },
    "mfa-disabled": {
      subject: "你的 {appName} 账号已关闭双重身份验证",
      intro: ["你的账号刚刚关闭了双重身份验证：现在登录只需要输入密码。"],
      action: "重置我的密码",
      outro: ["如果这是你本人的操作，则无需再做任何事。如果不是，请立即重置密码，并重新开启双重身份验证。"],
    },
    "new-sign-in": {
      subject: "您的 {appName} 账户有新的登录",
      intro: [
        "刚刚有人通过一个从未用于此账户的浏览器登录了您的账户。",
        "时间：{time}",
        "浏览器：{browser}（{os}）",
        "IP 地址：{ip}",
      ],
      action: "查看我的会话",
      outro: [
        "如果是您本人，无需任何操作。如果不是，请在账户页面退出该会话并修改密码。",
      ],
    },
    "account-deleted": {
      subject: "你的 {appName} 账户已删除",
      intro: ["你的账户及其登录方式、会话和两步验证设置刚刚被删除，所有会话均已退出。"],
      action: "前往登录页面",
      outro: ["如果是你删除的，无需再做任何事。如果不是，说明有其他人能访问你的账户：请联系应用的支持团队。"],
    },
    "change-email": {
      subject: "确认你在 {appName} 的新邮箱地址",
      intro: ["有人（希望是你）请求将 {email} 设为其 {appName} 账号的邮箱地址。请确认以完成更改。"],
      action: "确认我的新邮箱地址",
      outro: ["此链接只能使用一次，{expiresIn}后失效。", "如果你没有提出此请求，可以忽略此邮件：不会有任何更改。"],
    },
    "email-change-requested": {
      subject: "有人请求更改你在 {appName} 的邮箱地址",
      intro: ["有人请求将你账号的邮箱地址更改为 {email}。只有在发送到该地址的链接被确认后，更改才会生效。"],
      action: "重置我的密码",
      outro: ["如果是你本人，无需再做任何事。如果不是，说明有其他人能访问你的账号：请立即重置密码，这也会取消此次更改。"],
    },
    "email-change-attempt": {
      subject: "有人试图将你的地址用于另一个 {appName} 账号",
      intro: ["有人刚刚试图将另一个账号的邮箱地址更改为你的地址。你的地址仍属于你的账号，因此没有任何更改。"],
      action: "登录",
      outro: ["如果是你本人，请改为登录你自己的账号。如果不是，可以忽略此邮件。"],
    },
    "email-changed": {
      subject: "你在 {appName} 的邮箱地址已更改",
      intro: ["你账号的邮箱地址刚刚已更改为 {email}，你账号的所有其他会话均已退出登录。今后我们的邮件将发送到新地址。"],
      action: "前往登录页面",
      outro: ["如果是你做的更改，无需再做任何事。如果不是，说明有其他人能访问你的账号：请联系应用的支持团队。"],
    },
    "passkey-added": {
      subject: "你的 {appName} 账户添加了一个通行密钥",
      intro: ["你的账户刚刚添加了一个通行密钥：现在可以用它登录，你账户的其他所有会话均已退出登录。"],
      action: "查看我的通行密钥",
      outro: ["如果是你添加的，则无需进行其他操作。如果不是，说明其他人可以访问你的账户：请在账户页面删除该通行密钥并更改密码。"],
    },
    "passkey-removed": {
      subject: "你的 {appName} 账户删除了一个通行密钥",
      intro: ["你的账户刚刚删除了一个通行密钥：它已不能再用于登录，你账户的其他所有会话均已退出登录。"],
      action: "查看我的通行密钥",
      outro: ["如果是你删除的，则无需进行其他操作。如果不是，说明其他人可以访问你的账户：请检查你的通行密钥并更改密码。"],
    },
  },
}
