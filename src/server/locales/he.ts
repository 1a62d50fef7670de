/**
 * `next-auth-kit/locales/he/server`: Hebrew error messages and account emails (right to left:
 * the HTML emails carry `dir="rtl"`).
 *
 * מונחים (הרכיבים משתמשים באותם מונחים): התחברות / להתחבר (sign in), התנתקות (sign out),
 * הרשמה / יצירת חשבון (sign up), סיסמה, כתובת אימייל, חשבון, קישור, אימות דו-שלבי
 * (הפעלה / כיבוי), אפליקציית אימות, קוד שחזור, ההתחברות (session). ניסוח נייטרלי מגדרית
 * ("יש ל…", "אפשר ל…"). טון: פשוט וקצר.
 *
 * @example
 * ```ts
 * import { he } from "next-auth-kit/locales/he/server"
 * createAccounts({ ...authConfig, store, sendEmail, locales: [he] })
 * ```
 * @packageDocumentation
 */
import type { ServerMessages } from "../i18n/messages"

/**
 * Hebrew (`he`) error messages and account emails.
 *
 * @example
 * ```ts
 * import { he } from "next-auth-kit/locales/he/server"
 * createAuthKit(authOptions, { ...authConfig, locales: [he] })
 * ```
 */
export const he: ServerMessages = {
  locale: "he",
  errors: {
    method_not_allowed: "המתודה הזו אינה מותרת בנתיב הזה.",
    unauthenticated: "יש להתחבר כדי להמשיך.",
    forbidden: "אין לך גישה למשאב הזה.",
    internal_error: "משהו השתבש. כדאי לנסות שוב מאוחר יותר.",
    invalid_input: "חלק מהשדות חסרים או לא תקינים.",
    invalid_token: "הקישור לא תקין או שתוקפו פג. אפשר לבקש קישור חדש.",
    rate_limited: "יותר מדי ניסיונות. אפשר לנסות שוב בעוד {time}.",
    not_found: "אין כאן כלום.",
    mfa_enabled: "האימות הדו-שלבי כבר מופעל.",
    mfa_not_enabled: "האימות הדו-שלבי לא מופעל.",
    mfa_setup_required: "יש להתחיל קודם את הגדרת האימות הדו-שלבי.",
    last_sign_in_method: "זו הדרך היחידה שלך להתחבר: הוסף קודם סיסמה או קשר חשבון אחר.",
  },
  emails: {
    greeting: "שלום {name},",
    greetingAnonymous: "שלום,",
    linkFallback: "אם הכפתור לא עובד, אפשר להעתיק את הקישור הזה לדפדפן:",
    signature: "— {appName}",
    "verify-email": {
      subject: "אישור כתובת האימייל שלך ב-{appName}",
      intro: ["תודה על ההרשמה ל-{appName}. יש לאשר שזו כתובת האימייל שלך."],
      action: "אישור כתובת האימייל",
      outro: ["הקישור פועל פעם אחת בלבד ותוקפו יפוג בעוד {expiresIn}.", "אם לא יצרת חשבון, אפשר להתעלם מהאימייל הזה."],
    },
    "reset-password": {
      subject: "איפוס הסיסמה שלך ב-{appName}",
      intro: ["התקבלה בקשה לאפס את הסיסמה של החשבון שלך (אנחנו מקווים שהיא ממך)."],
      action: "בחירת סיסמה חדשה",
      outro: [
        "הקישור פועל פעם אחת בלבד ותוקפו יפוג בעוד {expiresIn}.",
        "אם לא ביקשת זאת, אפשר להתעלם מהאימייל הזה: הסיסמה שלך לא תשתנה.",
      ],
    },
    "signup-attempt": {
      subject: "מישהו ניסה להירשם ל-{appName} עם הכתובת שלך",
      intro: [
        "מישהו ניסה עכשיו ליצור חשבון עם כתובת האימייל שלך. כבר יש לך חשבון, ולכן שום דבר לא השתנה.",
        "אם הניסיון היה שלך, אפשר פשוט להתחבר. אם שכחת את הסיסמה, אפשר לאפס אותה מדף ההתחברות.",
      ],
      action: "התחברות",
      outro: ["אם הניסיון לא היה שלך, אפשר להתעלם מהאימייל הזה."],
    },
    "password-changed": {
      subject: "הסיסמה שלך ב-{appName} שונתה",
      intro: ["הסיסמה של החשבון שלך שונתה עכשיו, וכל ההתחברויות האחרות לחשבון נותקו."],
      action: "איפוס הסיסמה",
      outro: ["אם ביצעת את השינוי הזה, אין צורך לעשות דבר נוסף. אם לא, יש לאפס את הסיסמה עכשיו."],
    },
    "mfa-enabled": {
      subject: "האימות הדו-שלבי הופעל בחשבון שלך ב-{appName}",
      intro: [
        "האימות הדו-שלבי הופעל עכשיו בחשבון שלך. מעכשיו, אחרי הסיסמה, ההתחברות תבקש קוד מאפליקציית האימות (או אחד מקודי השחזור שלך).",
      ],
      action: "איפוס הסיסמה",
      outro: [
        "אם ביצעת את השינוי הזה, כדאי לשמור את קודי השחזור במקום בטוח. אם לא, למישהו אחר יש גישה לחשבון שלך: יש לאפס את הסיסמה עכשיו.",
      ],
    },
    "mfa-disabled": {
      subject: "האימות הדו-שלבי כובה בחשבון שלך ב-{appName}",
      intro: ["האימות הדו-שלבי כובה עכשיו בחשבון שלך: ההתחברות מבקשת עכשיו רק את הסיסמה."],
      action: "איפוס הסיסמה",
      outro: [
        "אם ביצעת את השינוי הזה, אין צורך לעשות דבר נוסף. אם לא, יש לאפס את הסיסמה עכשיו ולהפעיל מחדש את האימות הדו-שלבי.",
      ],
    },
  },
}
