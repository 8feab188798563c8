//! The translation layer. Every user-facing string is a [`Msg`] with a Chinese (zh-CN, the
//! default) and an English text; the compiler refuses a message that lacks either.
//!
//! Plain Rust with no Leptos types, so the server (JSON API errors, CLI) uses the same texts as
//! the pages. Texts with a number in them are `{n}` templates filled by [`Locale::fill`].

use serde::{Deserialize, Serialize};

/// The cookie that remembers the visitor's language choice.
pub const LANG_COOKIE: &str = "yucai_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The value of `<html lang>` and of the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a cookie value or `lang` attribute; anything unknown is the default, Chinese.
    pub fn from_code(code: &str) -> Locale {
        if code.trim().to_ascii_lowercase().starts_with("en") {
            Locale::En
        } else {
            Locale::ZhCn
        }
    }

    /// The locale named by a `Cookie` header, if the visitor chose one.
    pub fn from_cookie_header(header: &str) -> Option<Locale> {
        header.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LANG_COOKIE).then(|| Locale::from_code(value))
        })
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    pub fn t(self, msg: Msg) -> &'static str {
        match self {
            Locale::ZhCn => msg.zh(),
            Locale::En => msg.en(),
        }
    }

    /// A message with its `{n}` placeholder replaced.
    pub fn fill(self, msg: Msg, n: impl std::fmt::Display) -> String {
        self.t(msg).replace("{n}", &n.to_string())
    }
}

macro_rules! messages {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// Every user-facing text of the product.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
            pub fn zh(self) -> &'static str { match self { $(Msg::$key => $zh),* } }
            pub fn en(self) -> &'static str { match self { $(Msg::$key => $en),* } }
            /// The message's stable name, used in URLs (`?error=ErrPhoneTaken`).
            pub fn key(self) -> &'static str { match self { $(Msg::$key => stringify!($key)),* } }
            pub fn from_key(key: &str) -> Option<Msg> {
                match key { $(stringify!($key) => Some(Msg::$key),)* _ => None }
            }
        }
    };
}

messages! {
    // Shell
    AppName => "禹才", "Yucai";
    AppTagline => "禹州市电子商务人才培训与孵化管理", "Yuzhou e-commerce talent training and incubation";
    SkipToContent => "跳到正文", "Skip to content";
    MainNavigation => "主导航", "Main navigation";
    NavHome => "首页", "Home";
    NavAccount => "我的账户", "My account";
    NavUsers => "用户管理", "Users";
    NavLogin => "登录", "Log in";
    NavSignup => "注册", "Sign up";
    NavLogout => "退出登录", "Log out";
    NavMenu => "菜单", "Menu";
    NavGroupTraining => "培训管理", "Training";
    NavGroupCareer => "孵化就业", "Places and jobs";
    NavGroupOversight => "监督管理", "Oversight";
    SwitchLanguage => "切换语言", "Switch language";
    LanguageName => "中文", "English";
    FooterText => "禹州市人力资源和社会保障局 · 电子商务人才培训与孵化管理系统", "Yuzhou Human Resources and Social Security Bureau · E-commerce talent training and incubation";
    Loading => "加载中…", "Loading…";

    // Home
    HomeTitle => "禹州市电子商务人才培训与孵化", "Yuzhou e-commerce talent training and incubation";
    HomeLead => "免费电商培训、直播带货、孵化入驻和就业创业跟踪，覆盖全市26个乡镇（街道）。", "Free e-commerce training, livestream selling, incubation places and job and business follow-up across all 26 towns and sub-districts.";
    HomeCtaSignup => "立即注册报名", "Sign up to enrol";
    HomeCtaLogin => "已有账号，登录", "I have an account";
    HomeBrowseCourses => "浏览可报名课程", "Browse open courses";
    HomeOpenNow => "正在报名", "Open for enrolment";
    HomeUpcomingEvents => "电商大讲堂与沙龙", "Lectures and salons";
    HomeSeeAll => "查看全部", "See all";
    HomeAbout => "关于本项目", "About the programme";
    HomeForTrainees => "学员", "Trainees";
    HomeForTraineesText => "农民、返乡人员、学生和店主：手机报名免费课程，查看课表、学时和成绩，下载结业证书。", "Farmers, returning workers, students and shop owners: enrol in free courses from a phone, see your schedule, hours and results, and download certificates.";
    HomeForPartners => "合作机构", "Partners";
    HomeForPartnersText => "院校、培训学校、企业和孵化基地：发布课程，管理花名册、考勤和成绩，发布孵化与实习岗位。", "Colleges, training schools, enterprises and incubation bases: post courses, manage rosters, attendance and scores, and publish incubation and internship places.";
    HomeForBureau => "人社局", "HR bureau";
    HomeForBureauText => "审核机构和课程，颁发可验证的证书，跟踪就业创业成效，统计全市指标。", "Approve partners and courses, issue verifiable certificates, follow up jobs and businesses, and report the city's figures.";
    HomeTownsCovered => "覆盖乡镇（街道）", "Towns and sub-districts covered";
    HomeIndustries => "重点产业", "Local industries";
    HomeIndustriesText => "钧瓷 · 中医药 · 压滤机械 · 三粉 · 农特产品", "Jun porcelain · Chinese medicine · filter presses · sweet-potato starch · farm produce";

    // Forms and fields
    FieldRequiredNote => "带 * 的为必填项；其余按所选情况填写。", "Fields marked * are required; the others depend on the situation chosen.";
    FieldPhone => "手机号", "Mobile number";
    FieldPassword => "密码", "Password";
    FieldPasswordConfirm => "确认密码", "Confirm password";
    FieldCurrentPassword => "当前密码", "Current password";
    FieldNewPassword => "新密码", "New password";
    FieldNewPasswordConfirm => "确认新密码", "Confirm new password";
    FieldRole => "角色", "Role";
    PhoneHint => "11位中国大陆手机号，用于登录", "11-digit mainland China mobile number, used to log in";
    PasswordHint => "至少8个字符", "At least 8 characters";

    LoginTitle => "登录", "Log in";
    LoginSubmit => "登录", "Log in";
    LoginNoAccount => "还没有账号？", "No account yet?";
    SignupTitle => "注册", "Sign up";
    SignupSubmit => "注册", "Sign up";
    SignupHaveAccount => "已有账号？", "Already registered?";
    AccountTitle => "我的账户", "My account";
    AccountRole => "账户角色", "Account role";
    AccountPhone => "登录手机号", "Login mobile number";
    ChangePasswordTitle => "修改密码", "Change password";
    ChangePasswordSubmit => "修改密码", "Change password";

    // Notices after a redirect
    NoticeActivated => "账号已激活，欢迎使用禹才！", "Your account is active. Welcome to Yucai!";
    NoticeSignedUp => "注册成功，欢迎使用禹才！下一步：填写实名信息，之后就可以报名课程。", "Welcome to Yucai! Your account has been created. Next: fill in your real-name profile, then you can enrol in courses.";
    NoticeLoggedOut => "您已退出登录。", "You have logged out.";
    NoticePasswordChanged => "密码已修改，其他设备上的登录已失效。", "Your password has been changed; other devices have been logged out.";
    NoticeSessionExpired => "登录已过期，请重新登录。", "Your session has expired; please log in again.";
    NoticeLoginRequired => "请先登录。", "Please log in first.";
    NoticeRoleChanged => "角色已更新。", "The role has been updated.";
    NoticePartnerApplied => "申请已提交，人社局审核通过后即可发布课程。", "Your application has been sent; once the bureau approves it you can post courses.";
    NoticePartnerDecided => "已保存审核结果。", "The decision has been saved.";
    NoticeStaffAdded => "已添加工作人员，请将初始密码告知本人。", "The staff member has been added; give them their first password.";
    NoticeAgreementProposed => "合作协议已登记，等待对方确认。", "The agreement is recorded and awaits the other side's confirmation.";
    NoticeAgreementConfirmed => "已确认合作协议。", "The agreement is confirmed.";
    NoticeAgreementCancelled => "已取消合作协议。", "The agreement is cancelled.";
    NoticeCourseCreated => "课程草稿已创建，请添加课次后提交审核。", "The course draft is created; add its sessions, then submit it for approval.";
    NoticeCourseSaved => "课程已保存。", "The course is saved.";
    NoticeSessionSaved => "课次已保存。", "The session is saved.";
    NoticeSessionRemoved => "课次已删除。", "The session is removed.";
    NoticeCourseMoved => "课程状态已更新。", "The course's status is updated.";

    // Validation and errors
    ErrPhoneFormat => "请输入11位中国大陆手机号", "Enter an 11-digit mainland China mobile number";
    ErrPasswordShort => "密码至少需要8个字符", "Password must be at least 8 characters";
    ErrPasswordLong => "密码不能超过128个字符", "Password must be at most 128 characters";
    ErrPasswordMismatch => "两次输入的密码不一致", "The passwords do not match";
    ErrPhoneTaken => "该手机号已注册，请直接登录", "This mobile number is already registered; please log in";
    ErrBadCredentials => "手机号或密码不正确", "Wrong mobile number or password";
    ErrCurrentPasswordWrong => "当前密码不正确", "The current password is wrong";
    ErrAccountDisabled => "该账户已停用，请联系人社局", "This account is disabled; please contact the HR bureau";
    ErrTooManyAttempts => "尝试次数过多，请在 {n} 分钟后重试", "Too many attempts; try again in {n} minutes";
    ErrLoginRequired => "请先登录", "Please log in first";
    ErrForbidden => "您没有权限进行此操作", "You are not allowed to do this";
    ErrNotFound => "找不到该记录", "Not found";
    ErrBadOrigin => "请求来源无效或缺失，请从本站页面重新提交", "The request's origin is missing or foreign; please submit again from this site";
    ErrInternal => "系统繁忙，请稍后重试", "Something went wrong on our side; please try again later";
    ErrUnavailable => "系统暂时无法读写数据，这次操作没有生效，请稍后再试", "The system cannot reach its data just now; nothing was changed. Please try again shortly";
    ErrInvalidInput => "输入有误，请检查", "Please check your input";
    // Validation shared by the forms
    ErrRequired => "请填写此项", "This field is required";
    ErrTooLong => "内容过长", "This is too long";
    ErrTooLong10 => "内容过长，最多 10 个字", "Too long: at most 10 characters";
    ErrTooLong20 => "内容过长，最多 20 个字", "Too long: at most 20 characters";
    ErrTooLong30 => "内容过长，最多 30 个字", "Too long: at most 30 characters";
    ErrTooLong32 => "内容过长，最多 32 个字", "Too long: at most 32 characters";
    ErrTooLong50 => "内容过长，最多 50 个字", "Too long: at most 50 characters";
    ErrTooLong60 => "内容过长，最多 60 个字", "Too long: at most 60 characters";
    ErrTooLong64 => "内容过长，最多 64 个字", "Too long: at most 64 characters";
    ErrTooLong100 => "内容过长，最多 100 个字", "Too long: at most 100 characters";
    ErrTooLong200 => "内容过长，最多 200 个字", "Too long: at most 200 characters";
    ErrTooLong500 => "内容过长，最多 500 个字", "Too long: at most 500 characters";
    ErrTooLong1000 => "内容过长，最多 1000 个字", "Too long: at most 1000 characters";
    ErrTooLong2000 => "内容过长，最多 2000 个字", "Too long: at most 2000 characters";
    ErrTooLong5000 => "内容过长，最多 5000 个字", "Too long: at most 5000 characters";
    ErrTooShort => "内容过短", "This is too short";
    ErrChoose => "请选择", "Please choose one";
    ErrNumber => "请输入数字", "Enter a number";
    ErrWholeNumber => "请输入整数", "Enter a whole number";
    ErrDate => "请输入有效日期", "Enter a valid date";
    ErrTime => "请输入有效时间（如 09:00）", "Enter a valid time (e.g. 09:00)";
    ErrEndBeforeStart => "结束不能早于开始", "The end cannot be before the start";
    ErrReasonRequired => "请填写原因", "Please give a reason";
    ErrWrongStatus => "该记录的状态已变化，请刷新后重试", "This record's status has changed; refresh and try again";

    // Partners
    ErrCreditCodeFormat => "统一社会信用代码应为18位", "The unified social credit code has 18 characters";
    ErrCreditCodeCheck => "统一社会信用代码校验位不正确，请核对", "The credit code's check character is wrong; please check it";
    ErrCreditCodeTaken => "该统一社会信用代码已登记", "This credit code is already registered";
    ErrOrgPending => "贵机构正在审核中，审核通过后才能进行此操作", "Your organisation is awaiting approval; you can do this once it is approved";
    ErrOrgSuspended => "贵机构已被暂停，目前只能查看，不能修改", "Your organisation is suspended: you can look but not change anything";
    ErrOrgRejected => "贵机构的申请未通过，不能进行此操作", "Your organisation's application was rejected; you cannot do this";
    ErrAgreementPartner => "请选择已审核通过的企业或基地", "Choose an approved enterprise or base";
    ErrPlacesRange => "名额应在0到10000之间", "Places must be between 0 and 10,000";

    // Courses
    ErrCapacityRange => "名额应在1到2000之间", "Capacity must be between 1 and 2,000";
    ErrHoursRange => "总学时应大于0且不超过500", "Total hours must be more than 0 and at most 500";
    ErrCourseTooLong => "课程周期不能超过一年", "A course cannot run for more than a year";
    ErrEnrolCloseAfterStart => "报名时间须在开课日期之前", "Enrolment must take place before the start date";
    ErrEnrolCloseBeforeOpen => "报名截止日期不能早于报名开始日期", "Enrolment cannot close before it opens";
    ErrScoreRange => "分数应在0到100之间", "Scores are between 0 and 100";
    ErrPercentRange => "百分比应在1到100之间", "The percentage must be between 1 and 100";
    ErrSessionHoursRange => "每次课学时应大于0且不超过12", "A session counts for more than 0 and at most 12 hours";
    ErrSessionOutsideCourse => "课次日期须在课程起止日期之内", "The session must fall within the course's dates";
    ErrSessionHoursExceed => "各课次学时合计不能超过课程总学时", "All sessions together cannot exceed the course's total hours";
    ErrSessionsOutsideDates => "已有课次不在新的起止日期内，请先调整课次", "Some sessions fall outside the new dates; move them first";
    ErrHoursBelowSessions => "总学时不能少于已排课次的学时合计", "Total hours cannot be less than the sessions already scheduled";
    ErrCapacityBelowEnrolment => "名额不能少于已报名人数", "Capacity cannot be less than the number already enrolled";
    ErrCourseLocked => "课程当前状态下不能修改", "The course cannot be changed in its current status";
    ErrNoSessions => "请至少安排一次课后再提交审核", "Add at least one session before submitting";
    ErrCourseIncomplete => "课程信息不完整或有误，请先修改再提交", "The course is incomplete or has errors; fix them before submitting";
    ErrSessionHasAttendance => "该课次已有考勤记录，不能删除", "This session has attendance records and cannot be removed";
    // Trainees and enrolment
    ErrConsentRequired => "请阅读并同意个人信息使用说明", "Please read and agree to how your personal data is used";
    ErrIdNumberFormat => "身份证号应为18位", "An ID number has 18 characters";
    ErrIdNumberCheck => "身份证号不正确（校验位或出生日期有误），请核对", "This ID number is not valid (check character or birth date); please check it";
    ErrIdNumberTaken => "该身份证号已由其他账户登记，如有疑问请联系人社局", "This ID number is registered to another account; please contact the HR bureau";
    ErrProfileRequired => "请先完善实名信息再报名", "Please complete your real-name profile before enrolling";
    ErrCourseNotOpen => "该课程当前不接受报名", "This course is not taking enrolments";
    ErrEnrolWindow => "当前不在报名时间内", "Enrolment is not open at this time";
    ErrAlreadyEnrolled => "您已报名该课程", "You are already enrolled in this course";
    ErrScheduleClash => "该课程与您已报名的课程上课时间冲突", "This course meets at the same time as a course you are enrolled in";
    ErrNotEnrolled => "您没有报名该课程", "You are not enrolled in this course";
    ErrCannotWithdraw => "课程已开始，不能在线退出，请联系培训机构", "The course has started; please contact the provider to withdraw";
    ErrLastAdmin => "不能取消最后一位管理员的管理员角色", "The last bureau admin cannot lose the admin role";

    // Partner pages
    NavApply => "机构入驻", "Partner application";
    NavPartners => "合作机构", "Partners";
    NavMyOrganisation => "本机构", "My organisation";
    NavManageCourses => "课程管理", "Course management";
    NavAgreements => "校企合作", "Agreements";
    ApplyTitle => "合作机构入驻申请", "Apply as a partner organisation";
    ApplyLead => "院校、培训学校、企业、孵化基地、直播基地和协会可在线申请，人社局审核通过后即可发布课程、登记校企合作。", "Colleges, training schools, enterprises, incubation and livestream bases and associations apply online; once the HR bureau approves, they can post courses and record agreements.";
    ApplyOrganisation => "机构信息", "Organisation";
    ApplyAccount => "管理员账号", "Administrator account";
    ApplyAccountHint => "该账号为本机构管理员，可添加其他工作人员。", "This account administers your organisation and can add other staff.";
    ApplySubmit => "提交申请", "Send the application";
    FieldOrgKind => "机构类型", "Kind of organisation";
    FieldOrgName => "机构名称", "Organisation name";
    FieldCreditCode => "统一社会信用代码", "Unified social credit code";
    CreditCodeHint => "18位，见营业执照或登记证书", "18 characters, on the business licence or registration certificate";
    FieldAddress => "地址", "Address";
    FieldContactName => "联系人", "Contact person";
    FieldContactPhone => "联系电话", "Contact phone";
    FieldDisplayName => "姓名", "Name";
    FieldFirstPassword => "初始密码", "First password";
    FieldMakePartnerAdmin => "同时设为本机构管理员（可添加工作人员）", "Also an administrator of the organisation (can add staff)";
    ChooseOne => "请选择", "Choose…";
    PartnersTitle => "合作机构", "Partner organisations";
    PartnersSearch => "名称或信用代码", "Name or credit code";
    PartnersPending => "{n} 家机构等待审核", "{n} applications await a decision";
    PartnersTotal => "共 {n} 家机构", "{n} organisations";
    PartnerPendingText => "申请已提交，正在等待人社局审核。审核通过前不能发布课程。", "The application is with the HR bureau. Courses can be posted once it is approved.";
    PartnerSuspendedText => "本机构已被暂停：可以登录查看，但不能修改任何数据。", "This organisation is suspended: staff can log in and look, but cannot change anything.";
    PartnerRejectedText => "申请未通过审核。", "The application was not approved.";
    PartnerReview => "审核", "Decision";
    PartnerStaff => "工作人员", "Staff";
    PartnerAddStaff => "添加工作人员", "Add a staff member";
    PartnerCourses => "{n} 门课程", "{n} courses";
    ColStatus => "状态", "Status";
    ColApplied => "申请日期", "Applied";
    ColReason => "原因", "Reason";
    ColPartnerAdmin => "管理员", "Administrator";
    ColActions => "操作", "Actions";
    Yes => "是", "Yes";
    No => "否", "No";
    Edit => "修改", "Edit";
    Delete => "删除", "Delete";

    // Agreements
    AgreementsTitle => "校企合作协议", "School–enterprise agreements";
    AgreementsNone => "暂无合作协议。", "No agreements yet.";
    AgreementsExpiring => "{n} 份协议将在60天内到期", "{n} agreements end within 60 days";
    AgreementExpiringBadge => "即将到期", "Ending soon";
    AgreementConfirm => "确认", "Confirm";
    AgreementCancel => "取消协议", "Cancel";
    AgreementNew => "登记合作协议", "Record an agreement";
    ColCollege => "院校", "College";
    ColPartner => "合作企业/基地", "Enterprise or base";
    ColKind => "合作类型", "Kind";
    ColPlaces => "提供名额", "Places offered";
    FieldStartsOn => "开始日期", "Start date";
    FieldEndsOn => "结束日期", "End date";

    // Course management
    ManageCoursesTitle => "课程管理", "Course management";
    CourseNew => "新建课程", "New course";
    CourseCreateSubmit => "保存草稿", "Save the draft";
    CourseSave => "保存", "Save";
    CoursesAwaiting => "{n} 门课程等待审核", "{n} courses await approval";
    BackToManageCourses => "返回课程管理", "Back to course management";
    FieldTitle => "课程名称", "Title";
    FieldDescription => "课程介绍", "Description";
    DescriptionHint => "空一行分段；以“- ”开头的行显示为列表。", "A blank line starts a paragraph; lines starting with \"- \" become a list.";
    VenueHint => "线下或线上线下结合的课程必填", "Required unless the course is online";
    FieldCapacity => "名额", "Places";
    FieldFunding => "费用", "Funding";
    FieldEnrolOpens => "报名开始日期", "Enrolment opens";
    FieldEnrolCloses => "报名截止日期", "Enrolment closes";
    EnrolClosesHint => "须早于开课日期；不填则开课前一天截止", "Before the start date; by default the day before";
    FieldAssessed => "需要考核", "Assessed";
    FieldPassMark => "合格分数", "Pass mark";
    FieldThreshold => "结业所需出勤学时比例（%）", "Attendance needed to complete (% of hours)";
    FieldStartTime => "开始时间", "Starts at";
    FieldEndTime => "结束时间", "Ends at";
    ColEnrolled => "已报名/名额", "Enrolled / places";
    CourseScheduleOnly => "课程已审核通过：可调整课次、地点和名额（不少于已报名人数），其他内容不能修改。", "The course is approved: its sessions, venue and places (not below enrolment) can change; the rest cannot.";
    CourseRejectedBecause => "审核未通过：", "Not approved:";
    CourseEnrolledCount => "已报名 {n} 人", "{n} enrolled";
    SessionHoursSum => "已排学时 {n}", "Hours scheduled: {n}";
    SessionAdd => "添加课次", "Add a session";
    SessionEdit => "修改课次", "Change the session";
    SessionSave => "保存课次", "Save the session";

    // Profile and learning
    NavLearning => "我的学习", "My learning";
    NavProfile => "实名信息", "My profile";
    ProfileTitle => "实名信息", "Real-name profile";
    ProfileLead => "报名前请填写真实信息。身份证号加密保存，页面上只显示前4位和后4位。", "Fill in your real details before enrolling. Your ID number is stored encrypted and shown only as its first and last four characters.";
    FieldName => "姓名", "Full name";
    FieldIdNumber => "身份证号", "Resident ID number";
    IdNumberHint => "18位，性别和出生日期将自动识别", "18 characters; gender and birth date are read from it";
    IdNumberFixed => "身份证号保存后不能自行修改，如有错误请联系人社局。", "The ID number cannot be changed once saved; contact the HR bureau to correct it.";
    FieldVillage => "村（社区）", "Village or community";
    FieldEducation => "文化程度", "Education";
    FieldPriorStatus => "培训前状况", "Situation before training";
    FieldExperience => "电商经验", "E-commerce experience";
    FieldConsent => "我同意禹州市人社局为组织培训、发放证书和就业创业跟踪服务使用我的个人信息。", "I agree that the Yuzhou HR bureau uses my personal data to run the training, issue certificates and follow up on jobs and businesses.";
    ProfileSave => "保存", "Save";
    NoticeProfileSaved => "实名信息已保存。", "Your profile is saved.";
    ColGender => "性别", "Gender";
    ColBirthDate => "出生日期", "Birth date";
    GenderMale => "男", "Male";
    GenderFemale => "女", "Female";
    ConsentGiven => "同意时间：{n}", "Consent given: {n}";
    EduPrimary => "小学", "Primary school";
    EduJuniorHigh => "初中", "Junior high school";
    EduSeniorHigh => "高中", "Senior high school";
    EduVocational => "中专/职高", "Vocational school";
    EduCollege => "大专", "College";
    EduBachelor => "本科及以上", "Bachelor's or higher";
    PriorFarmer => "农民", "Farmer";
    PriorReturningMigrant => "返乡人员", "Returning migrant worker";
    PriorUnemployed => "失业人员", "Unemployed";
    PriorStudent => "在校学生", "Student";
    PriorEmployed => "在职人员", "Employed";
    PriorBusinessOwner => "个体户/企业主", "Business owner";
    PriorDisabled => "残疾人", "Person with a disability";
    PriorPovertyHousehold => "脱贫户/监测户", "Household lifted out of poverty";
    ExpNone => "没有经验", "None";
    ExpBuyerOnly => "只在网上买过东西", "Only bought online";
    ExpSomeSelling => "在网上卖过东西", "Have sold online";
    ExpOwnShop => "有自己的网店", "Have my own online shop";
    EnrolSubmit => "立即报名", "Enrol now";
    EnrolWaitlistSubmit => "名额已满，加入候补", "Full: join the waiting list";
    EnrolCompleteProfile => "完善实名信息后报名", "Complete your profile to enrol";
    EnrolWithdraw => "取消报名", "Withdraw";
    EnrolWithdrawAsk => "确定取消报名吗？您的名额会立即让给候补名单上的下一位学员，之后再报名需要重新排队。", "Withdraw from this course? Your seat goes at once to the next person on the waiting list; enrolling again means joining the queue anew.";
    EnrolWithdrawAskWaitlist => "确定退出候补吗？您在候补名单上的位置将不再保留。", "Leave the waiting list? Your place in the queue will not be kept.";
    EnrolWithdrawConfirm => "确认取消报名", "Yes, withdraw";
    EnrolStatusEnrolled => "您已报名该课程。", "You are enrolled in this course.";
    EnrolStatusWaitlisted => "您在候补名单第 {n} 位，有人退出时将自动递补。", "You are number {n} on the waiting list; you move up automatically when someone withdraws.";
    EnrolStatusWithdrawn => "您已取消报名。", "You withdrew from this course.";
    EnrolStatusOther => "您在该课程的状态：", "Your status on this course:";
    NoticeEnrolled => "报名成功！", "You are enrolled!";
    NoticeWaitlisted => "名额已满，已加入候补名单。", "The course is full; you are on the waiting list.";
    NoticeWithdrawn => "已取消报名。", "You have withdrawn.";
    LearningTitle => "我的学习", "My learning";
    LearningCurrent => "正在进行", "Current";
    LearningPast => "已结束", "Past";
    LearningUpcoming => "近期课程安排", "Upcoming sessions";
    LearningNone => "还没有报名课程。", "You have not enrolled in any course yet.";
    LearningFindCourses => "去找课程", "Find a course";
    LearningProfileFirst => "报名前请先完善实名信息。", "Complete your real-name profile before enrolling.";
    LearningHours => "学时 {n}", "Hours {n}";
    EnrolmentEnrolled => "已报名", "Enrolled";
    EnrolmentWaitlisted => "候补", "Waiting list";
    EnrolmentWithdrawn => "已取消", "Withdrawn";
    EnrolmentCompleted => "已结业", "Completed";
    EnrolmentNotCompleted => "未结业", "Not completed";
    EnrolmentRemoved => "已移出", "Removed";

    // Labels of codes
    ActionApprove => "通过", "Approve";
    ActionReject => "驳回", "Reject";
    ActionSuspend => "暂停", "Suspend";
    ActionReinstate => "恢复", "Reinstate";
    OrgKindCollege => "高校/职业院校", "College";
    OrgKindTrainingSchool => "培训学校", "Training school";
    OrgKindEnterprise => "企业", "Enterprise";
    OrgKindIncubationBase => "孵化基地", "Incubation base";
    OrgKindLivestreamBase => "直播基地", "Livestream base";
    OrgKindAssociation => "协会", "Association";
    OrgStatusPending => "待审核", "Awaiting approval";
    OrgStatusApproved => "已通过", "Approved";
    OrgStatusRejected => "未通过", "Rejected";
    OrgStatusSuspended => "已暂停", "Suspended";
    AgreementKindInternship => "实习基地", "Internship base";
    AgreementKindOrderClass => "订单班", "Order class";
    AgreementKindCoBuilt => "共建实训中心", "Co-built training centre";
    AgreementKindJobPlacement => "就业安置", "Job placement";
    AgreementStatusProposed => "待对方确认", "Awaiting confirmation";
    AgreementStatusConfirmed => "已生效", "In force";
    AgreementStatusEnded => "已到期", "Ended";
    AgreementStatusCancelled => "已取消", "Cancelled";
    CourseActionSubmit => "提交审核", "Submit for approval";
    CourseActionWithdraw => "撤回修改", "Withdraw to edit";
    CourseActionOpen => "开放报名", "Open enrolment";
    CourseActionStart => "开课", "Start the course";
    CourseActionFinish => "结课", "Finish the course";
    CourseActionArchive => "归档", "Archive";
    CourseStatusDraft => "草稿", "Draft";
    CourseStatusSubmitted => "待审核", "Awaiting approval";
    CourseStatusApproved => "已通过", "Approved";
    CourseStatusRejected => "已驳回", "Rejected";
    CourseStatusArchived => "已归档", "Archived";

    // Roles
    RoleTrainee => "学员", "Trainee";
    RolePartnerStaff => "合作机构人员", "Partner staff";
    RoleBureauAdmin => "人社局管理员", "Bureau admin";
    RoleBureauViewer => "查看人员", "Bureau viewer";

    // Users admin
    UsersTitle => "用户管理", "Users";
    UsersSearch => "按手机号搜索", "Search by mobile number";
    UsersSearchSubmit => "搜索", "Search";
    UsersColPhone => "手机号", "Mobile number";
    UsersColRole => "角色", "Role";
    UsersColCreated => "注册时间", "Registered";
    UsersColLastLogin => "最近登录", "Last login";
    UsersChangeRole => "修改", "Change";
    UsersNone => "没有符合条件的用户", "No matching users";
    UsersTotal => "共 {n} 位用户", "{n} users";
    PrevPage => "上一页", "Previous";
    NextPage => "下一页", "Next";
    Never => "从未", "Never";

    // Catalogue
    NavCourses => "培训课程", "Courses";
    CatalogueTitle => "培训课程", "Training courses";
    CatalogueLead => "免费电商培训与讲座，按项目、产业和乡镇查找。", "Free e-commerce training and lectures; find them by programme, industry and town.";
    CatalogueSearch => "搜索课程", "Search courses";
    FilterProgramme => "项目类别", "Programme";
    FilterIndustry => "产业", "Industry";
    FilterTown => "乡镇（街道）", "Town";
    FilterMode => "形式", "Mode";
    FilterLevel => "层次", "Level";
    FilterFrom => "开始日期从", "Starting from";
    FilterTo => "开始日期至", "Starting by";
    FilterFreePlaces => "只看有空余名额", "Only with places left";
    FilterAny => "不限", "Any";
    FilterMore => "更多筛选：项目、产业、乡镇、方式、层次、日期", "More filters: programme, industry, town, mode, level, dates";
    FilterApply => "查找", "Search";
    FilterReset => "清除条件", "Clear";
    CatalogueTotal => "共 {n} 门课程", "{n} courses";
    CatalogueNone => "没有符合条件的课程，请减少筛选条件。", "No courses match; try fewer filters.";
    PlacesLeft => "剩余名额 {n}", "{n} places left";
    PlacesFull => "名额已满", "Full";
    HoursTotal => "{n} 学时", "{n} hours";
    EventBadge => "活动", "Event";
    ProgrammeRural => "农村电商", "Rural e-commerce";
    ProgrammeIndustry => "产业电商", "Industry e-commerce";
    ProgrammeLivestream => "直播电商", "Livestream e-commerce";
    ProgrammeCrossBorder => "跨境电商", "Cross-border e-commerce";
    ProgrammeLectureSalon => "电商大讲堂 / 沙龙", "Lecture or salon";
    LevelEntry => "入门", "Entry";
    LevelAdvanced => "提高", "Advanced";
    LevelLeader => "带头人", "Leader";
    ModeOnsite => "线下", "On site";
    ModeOnline => "线上", "Online";
    ModeMixed => "线上线下结合", "Blended";
    FundingFree => "免费", "Free";
    FundingSubsidised => "政府补贴", "Subsidised";
    IndustryJunPorcelain => "钧瓷", "Jun porcelain";
    IndustryChineseMedicine => "中医药", "Chinese medicine";
    IndustryFilterPress => "压滤机械", "Filter presses";
    IndustrySweetPotatoStarch => "三粉", "Sweet-potato starch";
    IndustryFarmProduce => "农特产品", "Farm produce";
    StatusApproved => "即将开放报名", "Opening soon";
    StatusOpen => "报名中", "Enrolling";
    StatusRunning => "进行中", "In progress";
    StatusFinished => "已结束", "Finished";
    CourseProvider => "培训机构", "Provider";
    CourseVenue => "地点", "Venue";
    CourseDates => "时间", "Dates";
    CourseHours => "总学时", "Total hours";
    CourseSessions => "课程安排", "Schedule";
    CourseEnrolCloses => "报名截止：{n}", "Enrolment closes: {n}";
    CourseEnrolLogin => "登录后报名", "Log in to enrol";
    CourseEnrolSignup => "没有账号？注册", "No account? Sign up";
    CourseEnrolClosed => "当前不在报名时间", "Enrolment is not open now";
    CourseEnrolComing => "学员账户可在线报名；工作人员账户不能报名。", "Trainee accounts enrol online; staff accounts cannot enrol.";
    ColDate => "日期", "Date";
    ColTime => "时间", "Time";
    ColTopic => "内容", "Topic";
    ColHours => "学时", "Hours";
    ColPlace => "地点", "Place";
    BackToCatalogue => "返回课程列表", "Back to courses";

    // Rosters
    NavRoster => "花名册", "Roster";
    RosterTitle => "花名册：{n}", "Roster: {n}";
    RosterLead => "本课程已报名和候补的学员。身份证号只显示前4位和后4位。", "Trainees enrolled in and waiting for this course. ID numbers show only their first and last four characters.";
    RosterTownOnly => "您的账号限于{n}：这里只列出该乡镇（街道）的学员，名额和候补人数是全班的。", "Your account is limited to {n}: only that town's people are listed here; the places and the waiting list are the whole class's.";
    RosterFilterActive => "在册（已报名和候补）", "On the roster (enrolled and waiting)";
    RosterFilterLeft => "已退出或移出", "Withdrawn or removed";
    FilterAll => "全部", "All";
    RosterSearch => "姓名、手机号或身份证后4位", "Name, phone or last 4 of ID number";
    RosterSeats => "名额 {n}", "{n} places";
    RosterWaiting => "候补 {n} 人", "{n} waiting";
    RosterTotal => "共 {n} 人", "{n} people";
    RosterEmpty => "没有符合条件的学员。", "No trainees match.";
    RosterExportXlsx => "导出 Excel", "Export Excel";
    RosterExportCsv => "导出 CSV", "Export CSV";
    RosterAdmit => "转为正式", "Admit";
    RosterRemove => "移出", "Remove";
    RosterRemoveReason => "移出原因", "Reason for removal";
    RosterReveal => "查看完整身份证号", "Show whole ID number";
    RosterRevealNote => "查看将被记录在审计日志中。", "Viewing is recorded in the audit log.";
    RosterSheetName => "花名册", "Roster";
    ColNo => "序号", "No.";
    ColWaitlistRank => "候补顺位", "Waiting place";
    ColEnrolledAt => "报名时间", "Enrolled at";
    ColRemovedReason => "移出原因", "Reason removed";
    ColTrainee => "学员", "Trainee";
    NoticeAdmitted => "已转为正式学员。", "The trainee has been admitted.";
    NoticeRemoved => "已移出，原因已记录。", "The trainee has been removed; the reason is recorded.";
    ErrRosterClosed => "课程已结束或尚未通过审核，花名册不能修改", "The course has finished or is not approved; its roster cannot be changed";
    ErrNotWaitlisted => "该学员不在候补名单中", "This trainee is not on the waiting list";
    ErrNoFreeSeat => "课程已满员，请先增加名额或移出学员", "The course is full; raise the capacity or remove someone first";
    ErrNotOnRoster => "该学员已不在本课程名单中", "This trainee is no longer on the course";

    // Attendance
    NavAttendance => "考勤", "Attendance";
    AttendanceTitle => "考勤：{n}", "Attendance: {n}";
    AttendanceLead => "选择课次，为每位学员选择出勤情况：每次点选即自动保存（也可最后点“保存考勤”）。改动已保存的记录会记入审计日志。", "Choose a session and mark each trainee: each choice is saved as you make it (or use Save attendance at the end). Changes to saved marks are recorded in the audit log.";
    AttendancePresent => "出勤", "Present";
    AttendanceLate => "迟到", "Late";
    AttendanceAbsent => "缺勤", "Absent";
    AttendanceExcused => "请假", "Excused";
    AttendanceSession => "课次", "Session";
    AttendanceShow => "查看", "Show";
    AttendanceMarked => "已记 {n} 人", "{n} marked";
    AttendanceNotStarted => "该课次尚未开始，开始后才能记考勤。", "This session has not begun; attendance can be taken once it has.";
    AttendanceAllPresent => "其余未记的记为出勤", "Mark the rest present";
    AttendanceOverwrite => "全部改为出勤", "Change everyone to present";
    AttendanceOverwriteAsk => "这将把 {n} 条已记录的迟到、缺勤或请假改为出勤。", "This changes {n} recorded late, absent or excused marks to present.";
    AttendanceOverwriteConfirm => "确认全部改为出勤", "Yes, change them all";
    AttendanceMarkSaved => "已保存", "saved";
    AttendanceMarkFailed => "未保存，请点“保存考勤”", "not saved; use Save attendance";
    AttendanceSave => "保存考勤", "Save attendance";
    AttendanceNoSessions => "该课程还没有课次。", "This course has no sessions yet.";
    AttendanceNobody => "该课程还没有已报名的学员。", "No one is enrolled in this course yet.";
    ColAttendedHours => "已修学时", "Hours attended";
    NoticeAttendanceSaved => "考勤已保存。", "Attendance saved.";
    ErrAttendanceClosed => "该课程当前不能记考勤", "Attendance cannot be taken for this course now";
    ErrSessionNotStarted => "该课次尚未开始，不能记考勤", "This session has not begun; attendance cannot be taken yet";
    ErrNoMarks => "请至少为一位学员选择出勤情况", "Mark at least one trainee";
    ErrNotOnCourse => "有学员不在本课程名单中，未保存任何记录", "Someone marked is not on this course; nothing was saved";
    AttendanceRestAbsent => "其余未记的记为缺勤", "Mark the rest absent";
    AttendancePresentShort => "到", "P";
    AttendanceLateShort => "迟", "L";
    AttendanceAbsentShort => "缺", "A";
    AttendanceExcusedShort => "假", "E";
    NavAttendanceOverview => "考勤总表", "Attendance overview";
    AttendanceOverviewTitle => "考勤总表：{n}", "Attendance overview: {n}";
    AttendanceOverviewLead => "每行一位学员、每列一个课次。可为某位学员一次记下全部已开始课次（如整期请假）；点列标题进入该课次逐人记录。", "One row per trainee, one column per session. Mark a trainee for every session begun so far at once (e.g. excused for the whole course); open a session from its heading to mark it person by person.";
    AttendanceRowApply => "记入全部已开课次", "Apply to every begun session";
    AttendanceRowOnlyUnmarked => "只填未记的", "Only unmarked sessions";
    AttendanceRowFor => "{n}的全部课次", "All sessions of {n}";
    NoticeAttendanceRowSaved => "已为该学员记下全部已开始课次。", "Marks saved for every begun session of this trainee.";
    AttendanceNotBegun => "未开始", "not begun";
    NavAttendanceImport => "导入考勤", "Import attendance";
    AttendanceImportTitle => "导入考勤：{n}", "Import attendance: {n}";
    AttendanceImportLead => "下载本课程的考勤表（每行一位学员，每列一个课次），填写“出勤 / 迟到 / 缺勤 / 请假”（也可写 到、迟、缺、假、√、×），保存后上传。也可用自己的表格：用“身份证号”列找学员，用课次开始时间（如 2027-03-01 09:00）作列标题。上传后先预览，确认无误再导入；空白格不改动。", "Download this course's attendance sheet (a row per trainee, a column per session), fill in Present / Late / Absent / Excused (or P, L, A, E, √, ×), save and upload it. Your own sheet works too: trainees are found by an ID number column, and sessions by their start (e.g. 2027-03-01 09:00) as column headings. You see a preview first and import only when it is right; empty cells change nothing.";
    AttendanceImportTemplate => "下载考勤表（.xlsx）", "Download the attendance sheet (.xlsx)";
    AttendanceImportPreviewTitle => "考勤导入预览：{n}", "Attendance import preview: {n}";
    AttendanceImportPlanned => "将新记 {n} 条", "{n} new marks";
    AttendanceImportPlannedCorrected => "更正 {n} 条", "{n} corrections";
    AttendanceImportPlannedUnchanged => "不变 {n} 条", "{n} unchanged";
    AttendanceImportApply => "确认导入", "Import these marks";
    AttendanceImportDiscard => "放弃本次导入", "Discard this import";
    AttendanceImportHeader => "表头", "Header";
    NoticeAttendanceImported => "考勤已导入。", "Attendance imported.";
    NoticeAttendanceImportDiscarded => "已放弃该导入，未保存任何考勤。", "The import was discarded; no marks were saved.";
    ColEnrolmentNumber => "报名编号", "Enrolment no.";
    ColPlan => "将要保存", "Will save";
    ErrAttendanceImportColumns => "找不到“报名编号”或“身份证号”列，无法确定学员。请使用本课程的考勤表。", "There is no enrolment number or ID number column, so trainees cannot be found. Please use this course's attendance sheet.";
    ErrAttendanceImportNoSessions => "表头中没有课次列（以课次开始时间为列标题，如 2027-03-01 09:00）", "No column is headed by a session (use the session's start, e.g. 2027-03-01 09:00)";
    ErrAttendanceImportUnknownSession => "“{n}”不是本课程的课次", "“{n}” is not a session of this course";
    ErrAttendanceImportAmbiguousSession => "“{n}”当天有多个课次，请写上开始时间", "“{n}” has more than one session that day; add the start time";
    ErrAttendanceImportSessionTwice => "“{n}”与另一列是同一课次", "“{n}” is the same session as another column";
    ErrAttendanceImportWhoMissing => "缺少报名编号或身份证号", "Enrolment number or ID number is missing";
    ErrAttendanceImportUnknownMark => "无法识别的考勤：{n}", "Not a mark: {n}";
    ErrAttendanceImportNotStarted => "课次“{n}”尚未开始，不能记考勤", "Session “{n}” has not begun; it cannot be marked";
    ErrAttendanceImportNotOnCourse => "找不到该学员，或其不在本课程名单中", "No such trainee on this course";
    ErrAttendanceImportNameDiffers => "姓名与系统记录（{n}）不符", "The name differs from the record ({n})";

    // Scores and completion
    NavCompletion => "成绩与结业", "Scores and completion";
    CompletionTitle => "成绩与结业：{n}", "Scores and completion: {n}";
    CompletionLead => "结业条件：出勤学时达到课程要求，考核课程还需成绩及格。确认后，学员在“我的学习”中看到结果。", "To complete, a trainee needs the required hours and, on assessed courses, a passing score. Once confirmed, trainees see the result on My learning.";
    CompletionRule => "需出勤 {n} 学时", "{n} hours needed";
    CompletionPassMark => "及格分 {n}", "Pass mark {n}";
    ColScore => "成绩", "Score";
    ColResult => "按规则", "By the rule";
    CompletionMeets => "达到结业条件", "Completes";
    CompletionMisses => "未达到", "Does not complete";
    CompletionCertified => "已发证", "Certified";
    CompletionSaveScores => "保存成绩", "Save scores";
    CompletionConfirm => "确认结业", "Confirm completion";
    CompletionNotYet => "课程开课后才能录入成绩和确认结业。", "Scores and completion can be entered once the course is running.";
    NoticeScoresSaved => "成绩已保存。", "Scores saved.";
    NoticeCompletionConfirmed => "结业结果已确认。", "Completion confirmed.";
    ErrCourseNotOver => "课程的最后一次课结束后才能确认结业，以免正在上课的学员被记为未结业", "Completion can be confirmed once the course's last session has ended, so that nobody still learning is marked not completed";
    CompletionAfterLastSession => "最后一次课于 {n} 结束，之后才能确认结业；成绩可以先录入。", "The last session ends at {n}; completion can be confirmed after that. Scores can be entered now.";
    ErrStartInPast => "开课日期不能早于今天。已经办过的培训班请联系人社局补录。", "The start date cannot be before today. For a course that already took place, ask the HR bureau to record it.";
    ErrStartPassed => "开课日期已过，请先修改开课日期再提交。", "The start date has passed: change it before submitting.";
    ErrSessionInPast => "课次时间已过。课程开班前只能安排今后的课次。", "This session's time has passed: a course being prepared can only schedule sessions to come.";
    CourseRecordedBadge => "补录", "Recorded afterwards";
    CourseRecordPast => "补录往期培训班", "Record a past course";
    CourseRecordPastLead => "为已经办过、但未在系统中开班的培训班补录：选择承办机构并填写课程信息；保存后由该机构补充课次、提交审核，再录入考勤和成绩。课程将标注为“补录”。", "Record a course that took place without being opened here: choose the provider and fill in the course; the provider then adds its sessions, submits it for review and records attendance and scores. The course is marked \"recorded afterwards\".";
    FieldAssessment => "考核", "Assessment";
    CourseAssessedYes => "需要考核", "Assessed";
    CourseAssessedNo => "不考核，按出勤结业", "Not assessed: completion by attendance";
    CourseStartPassedWarning => "注意：开课日期 {n} 已过。请核实该班是否已经开班、学员是否已经上课，再决定是否通过。", "Note: the start date {n} has passed. Check whether the course has already begun before approving it.";
    ErrCompletionClosed => "课程开课后才能录入成绩和确认结业", "Scores and completion can be entered once the course is running";
    ErrNotAssessed => "该课程不考核，无需录入成绩", "This course is not assessed; it has no scores";
    ErrAlreadyCertified => "该学员已发证，成绩不能再修改", "This trainee is certified; the score can no longer change";

    // QR check-in
    NavCheckin => "扫码签到", "QR check-in";
    CheckinScreenTitle => "签到：{n}", "Check-in: {n}";
    CheckinScanHint => "请学员用手机扫描二维码签到，二维码每30秒更换一次。", "Trainees scan the code with their phones; it changes every 30 seconds.";
    CheckinCode => "签到码", "Code";
    CheckinCount => "已签到 {n} 人", "{n} checked in";
    CheckinNotOpen => "当前不在本课次的签到时间内（开课前30分钟至下课）。", "Check-in is open from 30 minutes before the session until it ends.";
    CheckinTitle => "课堂签到", "Check in";
    CheckinConfirm => "确认签到", "Check in now";
    CheckinAlready => "您已签到，无需重复签到。", "You are already checked in.";
    NoticeCheckedIn => "签到成功。", "You are checked in.";
    ErrCheckinCodeOld => "二维码已过期，请扫描老师屏幕上最新的二维码", "This code has expired; scan the latest code on the screen";
    ErrCheckinCodeInvalid => "二维码无效，或不属于本课次", "This code is not valid for this session";
    ErrCheckinOutsideTime => "当前不在本课次的签到时间内", "Check-in for this session is not open now";
    ErrCheckinNotEnrolled => "您没有报名该课程，不能签到", "You are not enrolled in this course, so you cannot check in";

    // Certificates
    NavCertificates => "证书", "Certificates";
    CertificatesTitle => "证书：{n}", "Certificates: {n}";
    CertificatesLead => "为已确认结业的学员发放证书。每位学员只发一次；证书带二维码和数字签名，任何人都可以验证。", "Issue certificates to trainees whose completion is confirmed. Each gets one, once; certificates carry a QR code and a digital signature anyone can check.";
    CertCompletedCount => "结业 {n} 人", "{n} completed";
    CertPendingCount => "待发证 {n} 人", "{n} awaiting a certificate";
    CertIssueAll => "为全部结业学员发证", "Issue to everyone who completed";
    CertIssuing => "正在发证，请稍候…", "Issuing certificates…";
    CertIssuedSoFar => "已发 {n} 份", "{n} issued so far";
    CertDownloadAll => "下载全部证书（.zip）", "Download all (.zip)";
    CertNone => "还没有证书。", "No certificates yet.";
    CertProviderIssuesOn => "人社局已允许培训机构为本课程发证。", "The bureau lets the provider issue this course's certificates.";
    CertProviderIssuesOff => "本课程的证书由人社局发放。", "The bureau issues this course's certificates.";
    CertAllowProvider => "允许培训机构发证", "Let the provider issue";
    CertStopProvider => "收回机构发证权限", "Stop the provider issuing";
    CertRevokedNote => "此证书已作废，不再提供下载。如有疑问请联系培训机构或人社局。", "This certificate was revoked and is no longer offered for download. Ask the provider or the HR bureau if you have questions.";
    CertDownload => "下载PDF", "PDF";
    CertVerifyLink => "验证", "Verify";
    CertRevoke => "作废", "Revoke";
    CertReissue => "补发", "Reissue";
    CertRevokeTitle => "作废或补发证书 {n}", "Revoke or reissue certificate {n}";
    CertRevokeLead => "作废后证书仍保留，验证页会立即显示“已作废”及原因。补发会生成新编号的证书并作废原证书。", "A revoked certificate is kept; its verification page shows it as revoked, with the reason, at once. A reissue makes a certificate with a new number and revokes the old one.";
    CertReasonLabel => "原因", "Reason";
    CertReasonHint => "例如：信息有误、证书遗失", "e.g. wrong details, certificate lost";
    CertKindCompletion => "结业证书", "Certificate of completion";
    CertKindLeader => "电商带头人证书", "Rural e-commerce leader";
    CertKindHonour => "荣誉证书", "Certificate of honour";
    CertValid => "有效", "Valid";
    CertRevoked => "已作废", "Revoked";
    CertReplaces => "补发自 {n}", "Replaces {n}";
    ColNumber => "证书编号", "Number";
    ColIssuedOn => "发证日期", "Issued";
    MyCertificatesTitle => "我的证书", "My certificates";
    MyCertificatesNone => "结业并由人社局发证后，证书会出现在这里。", "Your certificates appear here once you complete a course and the bureau issues them.";
    NoticeCertificatesIssued => "证书已发放，列在下方。", "Certificates issued; they are listed below.";
    NoticeCertificateRevoked => "证书已作废。", "The certificate is revoked.";
    NoticeCertificateReissued => "已补发新证书。", "A new certificate was issued in its place.";
    NoticeProviderIssuesChanged => "发证权限已更新。", "Issuing rights updated.";
    ErrProviderMayNotIssue => "人社局尚未允许本机构为该课程发证", "The bureau has not let your organisation issue this course's certificates";
    ErrNoneCompleted => "还没有确认结业的学员，请先在“结业”页确认", "No trainee's completion is confirmed yet; confirm it on the completion page first";
    ErrAllCertified => "每位结业学员都已有证书，不会重复发放", "Everyone who completed already has a certificate; none are issued twice";
    ErrReasonTooLong => "原因不能超过500字", "The reason can be at most 500 characters";
    ErrAlreadyRevoked => "该证书已经作废", "This certificate is already revoked";
    ErrAlreadyReplaced => "该证书已补发过新证书，请对新证书操作", "This certificate has already been replaced; act on the new one";
    ErrNoCertificates => "该课程还没有证书", "This course has no certificates yet";

    // Public verification
    NavVerify => "证书验证", "Verify a certificate";
    VerifyTitle => "证书验证", "Verify a certificate";
    VerifyLead => "扫描证书上的二维码，或输入证书编号和持证人姓名查询。", "Scan the QR code on the certificate, or enter its number and the holder's name.";
    VerifyValid => "证书有效", "This certificate is valid";
    VerifyRevoked => "证书已作废", "This certificate has been revoked";
    VerifyNotFound => "未找到该证书。请核对二维码，或证书编号和姓名。", "No such certificate. Check the QR code, or the number and the name.";
    VerifyMalformed => "验证码格式不正确：应为证书上印的32位小写字母和数字。", "This is not a verification code: it should be the 32 lowercase letters and digits printed on the certificate.";
    VerifyKind => "证书类别", "Kind";
    VerifyHolder => "持证人", "Holder";
    VerifyIdNumber => "身份证号", "ID number";
    VerifyCourse => "培训项目", "Training";
    VerifyHours => "学时", "Hours";
    VerifyDates => "培训日期", "Dates";
    VerifyProvider => "培训机构", "Provider";
    VerifyHonour => "荣誉称号", "Honour";
    VerifyBusiness => "店铺或企业", "Shop or business";
    VerifySelection => "评选活动", "Selection";
    VerifyIssuer => "发证机关", "Issuer";
    VerifyIssuedOn => "发证日期", "Issued on";
    VerifyRevokedOn => "作废日期", "Revoked on";
    VerifyReplacedBy => "已补发为 {n}", "Replaced by {n}";
    VerifyNumberLabel => "证书编号", "Certificate number";
    VerifyNameLabel => "持证人姓名", "Holder's full name";
    VerifySearch => "查询", "Look up";
    VerifySignatureNote => "证书内容由发证机关以 Ed25519 数字签名，签名和公钥可从公开接口获取并离线核验。", "The issuer signs each certificate with Ed25519; the signature and the public key are published through the open API for offline checking.";

    // Imports
    NavImport => "批量导入", "Import";
    ImportTitle => "批量导入学员", "Import trainees";
    ImportLead => "上传 Excel（.xlsx）或 CSV 文件。先预览检查每一行，全部正确后一次性导入；有任何错误都不会保存。", "Upload an Excel (.xlsx) or CSV file. Every row is checked in a preview first; the import saves all rows at once, or none if any is wrong.";
    ImportLimits => "文件不超过 {n} MB", "Files up to {n} MB";
    ImportMaxRows => "每次最多 {n} 行", "At most {n} rows at a time";
    ImportTemplate => "下载导入模板", "Download the template";
    ImportTemplateName => "学员导入模板", "Trainee import template";
    ImportColumnsHelp => "必填列：姓名、身份证号、手机号、乡镇（街道）；可选：村（社区）、文化程度、培训前状况、电商经验。身份证号一列请设为文本格式。", "Required columns: name, ID number, phone, town; optional: village, education, situation before training, e-commerce experience. Format the ID number column as text.";
    FieldFile => "文件", "File";
    FieldImportCourse => "同时报名课程（可选）", "Also enrol in a course (optional)";
    ImportNoCourse => "不报名课程，只登记学员", "No course: register the trainees only";
    ImportFreeSeats => "（余 {n} 个名额）", "({n} places left)";
    ImportUpload => "上传并预览", "Upload and preview";
    ImportRecent => "最近的导入", "Recent imports";
    ImportNone => "还没有导入记录。", "No imports yet.";
    ImportPreviewTitle => "导入预览：{n}", "Import preview: {n}";
    ImportRows => "共 {n} 行", "{n} rows";
    ImportValidRows => "{n} 行正确", "{n} valid";
    ImportInvalidRows => "{n} 行有错误", "{n} with errors";
    ImportFixAndUpload => "请在文件中改正有错误的行，然后重新上传。", "Correct the rows with errors in your file, then upload it again.";
    ImportApply => "确认导入", "Import now";
    ImportDiscard => "放弃本次导入", "Discard this import";
    ImportApplying => "正在导入，已完成 {n} 行…", "Importing: {n} rows done…";
    ImportApplyingStarted => "正在导入…", "Importing…";
    ImportDone => "导入完成", "Import complete";
    ImportResultCreated => "新登记学员 {n} 人", "{n} new trainees registered";
    ImportResultExisting => "已注册学员 {n} 人", "{n} already registered";
    ImportResultEnrolled => "报名课程 {n} 人", "{n} enrolled in the course";
    ImportActivateHint => "新登记的学员在登录页选择“首次登录激活”，用您在课程名单页打印的激活码，或发到登记手机上的短信验证码设置密码。", "Newly registered trainees set their password under “First login” on the login page, with the activation code you print from the course roster or a code sent by SMS to the registered phone.";
    ImportMoreRows => "另有 {n} 行正确的数据未列出。", "{n} more valid rows are not listed.";
    ColLine => "行号", "Line";
    ColProblems => "问题", "Problems";
    ColCourse => "课程", "Course";
    ColFile => "文件", "File";
    ImportStatusPreviewed => "待确认", "Awaiting confirmation";
    ImportStatusApplying => "导入中", "Importing";
    ImportStatusApplied => "已导入", "Imported";
    ImportStatusDiscarded => "已放弃", "Discarded";
    NoticeImportDiscarded => "已放弃本次导入，未保存任何数据。", "The import was discarded; nothing was saved.";
    ErrFileRequired => "请选择要上传的文件", "Please choose a file to upload";
    ErrFileTooLarge => "文件太大（或解压后过大），请拆分后上传", "The file is too large (or unpacks to too much); split it and try again";
    ErrNotASpreadsheet => "无法识别该文件，请上传 .xlsx 或 .csv 文件", "This file cannot be read; upload an .xlsx or .csv file";
    ErrTooManyRows => "行数超过上限，请拆分后分批导入", "Too many rows; split the file and import it in parts";
    ErrSheetEmpty => "文件中没有数据", "The file has no data";
    ErrImportColumns => "缺少必填列：姓名、身份证号、手机号、乡镇（街道）。请使用导入模板。", "Required columns are missing: name, ID number, phone, town. Please use the template.";
    ErrImportNameMissing => "缺少姓名", "Name is missing";
    ErrImportNameInvalid => "姓名过长或含有无效字符", "The name is too long or has invalid characters";
    ErrImportIdMissing => "缺少身份证号", "ID number is missing";
    ErrImportIdAsNumber => "身份证号被存成了数字，末几位已丢失；请将该列设为文本后重新填写", "The ID number was stored as a number and lost its last digits; format the column as text and enter it again";
    ErrImportSamePerson => "与第 {n} 行是同一人", "Same person as line {n}";
    ErrImportPhoneMissing => "缺少手机号", "Phone is missing";
    ErrImportSamePhone => "与第 {n} 行手机号相同", "Same phone as line {n}";
    ErrImportTownMissing => "缺少乡镇（街道）", "Town is missing";
    ErrImportUnknownTown => "“{n}”不是禹州市的乡镇（街道）", "“{n}” is not a town of Yuzhou";
    ErrImportVillageInvalid => "村（社区）名称过长", "The village name is too long";
    ErrImportUnknownChoice => "无法识别“{n}”，请按模板填写", "“{n}” is not a known value; see the template";
    ErrImportPhoneTaken => "该手机号已被其他账户使用", "This phone belongs to another account";
    ErrImportAlreadyOnCourse => "已在该课程名单中", "Already on this course";
    ErrImportCourseFull => "课程名额已满", "The course is full";
    ErrImportHasErrors => "还有行存在错误，不能导入", "Some rows still have errors; nothing can be imported";
    ErrImportNotPending => "该导入已处理过", "This import has already been dealt with";
    ErrImportChanged => "导入前复查发现数据已变化，未保存任何数据，请查看各行问题", "A final check found changes since the preview; nothing was saved. See the problems below";
    ImportNoteExisting => "已注册学员", "Already registered";
    ImportNoteExistingOtherPhone => "已注册学员（系统中手机号不同）", "Already registered (with another phone)";
    ImportNoteAsksHolder => "该手机号已注册：不会关联到该账号，导入时将通知号码持有人自行完善信息并报名", "This phone already has an account: the row is not linked to it; on import its holder is asked to complete their own profile and enrol";

    // Activation of imported accounts
    NavActivate => "首次登录激活", "First login";
    ActivateTitle => "首次登录：设置密码", "First login: set your password";
    ActivateLead => "培训机构已为您登记信息的，请用登记的手机号和机构交给您的激活码设置密码。", "If a training provider registered you, set your password with the phone they registered and the activation code they gave you.";
    ActivateBySms => "没有激活码？用登记手机收到的短信验证码设置密码", "No code? Set your password with an SMS code sent to the registered phone";
    FieldActivationCode => "激活码", "Activation code";
    ErrActivationCodeFormat => "激活码为8位字母或数字，如 K7QM-3XPA", "An activation code has 8 letters or digits, like K7QM-3XPA";
    ActivateSubmit => "设置密码并登录", "Set password and log in";
    ErrActivateMismatch => "手机号或激活码不正确，或激活码已过期，或该账户已设置过密码", "The phone or activation code is wrong, the code has expired, or the account already has a password";

    // Places, applications and placements
    NavPlaces => "孵化入驻", "Places";
    NavApplications => "我的申请", "My applications";
    NavManagePlaces => "岗位与入驻", "Places";
    PlacesTitle => "孵化入驻与实习岗位", "Incubation, livestream and internship places";
    PlacesLead => "孵化基地、直播基地和企业发布的孵化工位、直播间、实习和就业岗位。结业学员可在线申请。", "Incubation stations, livestream rooms, internships and jobs offered by the programme's bases and enterprises. Trainees who have completed a course can apply online.";
    PlacesOpenCount => "{n} 个名额开放申请", "{n} places open for applications";
    PlacesNone => "暂无开放的岗位。", "No places are open at the moment.";
    PlaceLeft => "剩余 {n} 个", "{n} left";
    PlaceFullBadge => "已满", "Full";
    PlacePeriod => "期限", "Period";
    PlaceSupport => "扶持内容", "Support offered";
    PlaceRequirements => "申请条件", "Requirements";
    PlaceDescription => "岗位介绍", "About this place";
    PlaceQualifyingCourses => "相关课程", "Qualifying courses";
    PlaceRequiresCertificate => "需持有结业证书", "Certificate required";
    PlaceApplyTitle => "申请此岗位", "Apply for this place";
    PlaceApply => "提交申请", "Apply";
    FieldStatement => "申请说明", "Statement";
    StatementHint => "简要说明您的情况、经验和打算（500字以内）", "Briefly say who you are, what you have done and what you plan (up to 500 characters)";
    PlaceLoginToApply => "登录后申请", "Log in to apply";
    PlaceYourApplication => "您的申请", "Your application";
    PlaceManageLink => "查看申请", "See the applications";
    BackToPlaces => "返回岗位列表", "Back to the places";
    MyApplicationsTitle => "我的申请", "My applications";
    MyApplicationsNone => "您还没有申请过岗位。", "You have not applied for a place yet.";
    BrowsePlaces => "查看开放岗位", "See the open places";
    ManagePlacesTitle => "岗位与入驻管理", "Places and placements";
    ManagePlacesNone => "还没有发布岗位。", "No places published yet.";
    AllPlacementsLink => "全部入驻与实习记录", "All placements";
    PlaceNew => "发布岗位", "Publish a place";
    PlaceEdit => "修改岗位", "Edit the place";
    PlaceSave => "保存修改", "Save changes";
    PlaceClose => "停止接受申请", "Stop taking applications";
    PlaceReopen => "重新开放申请", "Take applications again";
    FieldPlaceTitle => "岗位名称", "Title";
    FieldPlaceKind => "岗位类型", "Kind of place";
    FieldPlaceCapacity => "名额", "Number of places";
    FieldPlaceDescription => "岗位介绍", "About this place";
    FieldRequirements => "申请条件", "Requirements";
    FieldRequiresCertificate => "申请人须持有结业证书", "Applicants must hold a certificate";
    FieldQualifyingCourses => "相关课程（完成其中之一方可申请；不选则不限）", "Qualifying courses (one of them must be completed; none chosen means any)";
    ColPlaceTaken => "已入驻/名额", "Placed / places";
    ColWaiting => "待处理", "Waiting";
    ColApplicant => "申请人", "Applicant";
    ColCertificates => "持有证书", "Certificates held";
    ColStation => "工位/直播间", "Station or room";
    ColBase => "基地/企业", "Base or enterprise";
    ColPlaceTitle => "岗位", "Place";
    ColDetails => "详情", "Details";
    DecisionAccept => "录取", "Accept";
    DecisionReject => "不录取", "Reject";
    FieldStartDate => "入驻/到岗日期", "Start date";
    FieldStation => "工位/直播间", "Station or room";
    FieldDecisionReason => "原因或备注", "Reason or note";
    FieldEndStatus => "结束方式", "How it ended";
    FieldEndDate => "结束日期", "End date";
    EndPlacement => "登记结束", "Record the end";
    ApplicationsNone => "还没有申请。", "No applications yet.";
    PlaceApplicationsTitle => "申请与入驻", "Applications and placements";
    PlacementsTitle => "入驻与实习记录", "Placements";
    PlacementsTotal => "共 {n} 条", "{n} in all";
    PlacementsNone => "没有符合条件的记录。", "Nothing matches.";
    PlacementStartsOn => "{n} 起", "from {n}";
    PlacementApplied => "待审核", "Awaiting a decision";
    PlacementAccepted => "已录取", "Accepted";
    PlacementRejected => "未录取", "Not accepted";
    PlacementActive => "在孵/在岗", "Placed";
    PlacementGraduated => "已出园/结业", "Graduated";
    PlacementLeft => "已离开", "Left";
    PlaceOpen => "接受申请", "Taking applications";
    PlaceClosed => "已停止申请", "Closed";
    PlaceKindIncubation => "孵化工位", "Incubation station";
    PlaceKindInternship => "实习岗位", "Internship";
    PlaceKindLivestreamRoom => "直播间", "Livestream room";
    PlaceKindJob => "就业岗位", "Job";
    SupportFreeSpace => "免费场地", "Free space";
    SupportEquipment => "设备支持", "Equipment";
    SupportMentoring => "导师辅导", "Mentoring";
    SupportTraffic => "流量扶持", "Traffic support";
    NoticePlacePublished => "岗位已发布，学员现在可以申请。", "The place is published; trainees can apply now.";
    NoticePlaceSaved => "已保存岗位。", "The place is saved.";
    NoticePlaceClosed => "该岗位已停止接受申请。", "The place no longer takes applications.";
    NoticePlaceReopened => "该岗位已重新开放申请。", "The place takes applications again.";
    NoticeApplied => "申请已提交，请等待基地审核。", "Your application is sent; the base will decide.";
    NoticePlacementAccepted => "已录取，入驻开始。", "Accepted: the placement has begun.";
    NoticePlacementRejected => "已记录不录取及原因。", "The rejection and its reason are recorded.";
    NoticePlacementEnded => "已登记结束。", "The end is recorded.";
    ErrPlaceClosed => "该岗位已停止申请", "This place no longer takes applications";
    ErrPlaceFull => "名额已满", "All places are taken";
    ErrAppliedAlready => "您已申请过该岗位", "You have already applied for this place";
    ErrPlaceNeedsCertificate => "申请该岗位需持有相关课程的有效结业证书", "This place needs a valid certificate of a qualifying course";
    ErrPlaceNeedsCourse => "申请该岗位需先完成相关课程", "This place needs a qualifying course completed first";
    ErrCapacityBelowTaken => "名额不能少于已入驻人数", "Places cannot be fewer than those already taken";
    ErrStartAfterPlaceEnds => "入驻日期不能晚于岗位期限", "The start cannot be after the place's period ends";
    ErrDateInFuture => "日期不能晚于今天", "The date cannot be later than today";
    ErrPlaceCapacity => "名额应在1到1000之间", "Places must be between 1 and 1,000";
    ErrTooMany => "选择过多", "Too many chosen";

    // Outcomes, follow-ups and the person's record
    NavOutcomes => "就业创业", "Jobs and business";
    NavFollowUps => "跟踪回访", "Follow-ups";
    ErrBeforeBirth => "日期不能早于出生日期", "The date cannot be before the person's birth";
    ErrWebLink => "请填写以 http:// 或 https:// 开头的网址", "Enter a web address starting with http:// or https://";
    ErrJobsCreated => "带动就业人数应在0到10000之间", "Jobs created must be between 0 and 10,000";
    ErrFollowUpDone => "该回访已记录过", "This follow-up is already recorded";
    ErrNoOutcomeToConfirm => "此人还没有就业创业记录，请记录新情况", "There is no outcome to confirm yet; record what they do now";
    ColFollowUpInterval => "回访节点", "Interval";
    ColDueOn => "应回访日期", "Due";
    ColCurrentOutcome => "当前情况", "Current outcome";
    ColFollowUpNote => "回访备注", "Note";
    FollowUpMonths => "结业后{n}个月", "{n} months after completion";
    FollowUpsTitle => "跟踪回访", "Follow-ups";
    FollowUpsDueNow => "{n} 条已到期待回访", "{n} follow-ups due";
    FollowUpShowDue => "待回访", "Due";
    FollowUpShowUpcoming => "30天内到期", "Due within 30 days";
    FollowUpShowDone => "已回访", "Done";
    FollowUpShowUnreachable => "未联系上", "Not reached";
    FollowUpShowAll => "全部", "All";
    FollowUpsNone => "没有符合条件的回访。", "No follow-ups match.";
    FollowUpOverdue => "已逾期", "Overdue";
    FollowUpReached => "已联系上", "Reached";
    FollowUpConfirm => "情况未变（确认当前情况）", "Nothing changed (confirm the current outcome)";
    FollowUpNewOutcome => "情况有变化，记录新情况：", "Something changed; record what they do now:";
    FollowUpMarkUnreachable => "未联系上", "Not reached";
    FollowUpSave => "保存回访结果", "Save the result";
    FollowUpRecord => "记录回访", "Record the call";
    FieldNote => "回访备注", "Note";
    FollowUpDue => "待回访", "Due";
    FollowUpDone => "已回访", "Done";
    FollowUpUnreachable => "未联系上", "Not reached";
    NoticeFollowUpRecorded => "已记录回访结果。", "The follow-up is recorded.";
    PlatformDouyin => "抖音", "Douyin";
    PlatformKuaishou => "快手", "Kuaishou";
    PlatformTaobao => "淘宝", "Taobao";
    PlatformPinduoduo => "拼多多", "Pinduoduo";
    PlatformJd => "京东", "JD.com";
    PlatformWechatChannels => "微信视频号", "WeChat Channels";
    PlatformOther => "其他平台", "Other";
    IncomeUnder3k => "3000元以下", "Under ¥3,000";
    Income3kTo5k => "3000–5000元", "¥3,000–5,000";
    Income5kTo10k => "5000元–1万元", "¥5,000–10,000";
    Income10kTo50k => "1万–5万元", "¥10,000–50,000";
    IncomeOver50k => "5万元以上", "Over ¥50,000";
    OutcomeEmployed => "已就业", "Employed";
    OutcomeSelfEmployed => "灵活就业", "Self-employed";
    OutcomeBusinessStarted => "创办企业", "Started a business";
    OutcomeOnlineStore => "开设网店", "Opened an online shop";
    OutcomeLivestreamHost => "直播带货", "Livestream host";
    OutcomeFurtherStudy => "升学深造", "Further study";
    OutcomeNotWorking => "暂未就业", "Not working";
    SourceSelfReported => "本人填报", "Self-reported";
    SourceFollowUp => "回访记录", "From a follow-up";
    SourceVerified => "已核实", "Verified";
    OutcomesTitle => "我的就业创业情况", "My job and business";
    OutcomesLead => "培训后找到了工作、开了网店或办了企业？请告诉我们，人社局会为您提供后续扶持。", "Found a job, opened a shop or started a business after training? Tell us, and the bureau can support you further.";
    OutcomesNone => "还没有记录。", "Nothing recorded yet.";
    OutcomeReport => "填报最新情况", "Report what you do now";
    OutcomeRecord => "记录就业创业情况", "Record an outcome";
    OutcomeCurrent => "当前情况", "Now";
    OutcomeHistory => "历史记录", "History";
    OutcomeSupersededBadge => "已被后续记录取代", "Superseded";
    OutcomeVerify => "核实无误", "Mark verified";
    OutcomeJobs => "带动就业 {n} 人", "{n} jobs created";
    FieldAsOf => "截至日期", "As of";
    FieldOutcomeKind => "目前状况", "Situation";
    FieldEmployer => "工作单位", "Employer";
    FieldPosition => "岗位", "Position";
    FieldBusinessName => "企业或店铺名称", "Business or shop name";
    FieldBusinessCreditCode => "统一社会信用代码（已注册的填写）", "Unified social credit code (if registered)";
    FieldPlatform => "平台", "Platform";
    FieldShopUrl => "店铺或账号链接", "Shop or account link";
    FieldIncomeBand => "月收入或月销售额", "Monthly income or sales";
    FieldJobsCreated => "带动就业人数", "Jobs created for others";
    NoticeOutcomeReported => "已提交，谢谢！人社局核实后会标记为已核实。", "Thank you! The bureau will mark it verified once checked.";
    NoticeOutcomeRecorded => "已记录就业创业情况。", "The outcome is recorded.";
    NoticeOutcomeVerified => "已标记为已核实。", "Marked verified.";
    PersonTitle => "学员档案：{n}", "Record: {n}";
    PeopleTitle => "学员档案查询", "Find a person";
    PeopleSearchLabel => "姓名、手机号或身份证号后几位", "Name, mobile number or the ID number's last digits";
    PeopleNone => "没有找到。", "Nobody found.";
    NavPeople => "学员档案", "People";
    MyRecordTitle => "我的档案", "My record";
    MyRecordLink => "查看我的完整档案", "See my whole record";
    RecordTimeline => "成长轨迹", "The path so far";
    RecordCourses => "培训课程", "Courses";
    RecordCertificates => "证书", "Certificates";
    RecordPlacements => "孵化、实习与就业岗位", "Places";
    RecordOutcomes => "就业创业", "Jobs and business";
    RecordFollowUps => "跟踪回访", "Follow-ups";
    RecordSessions => "出勤 {n}", "Attended {n}";
    RecordNone => "无", "None";
    ColSignedUp => "注册日期", "Signed up";
    EventSignedUp => "注册成为学员", "Signed up";
    EventEnrolled => "报名课程", "Enrolled";
    EventCompleted => "结业", "Completed";
    EventCertified => "获得证书", "Certificate issued";
    EventApplied => "申请岗位", "Applied for a place";
    EventPlaced => "入驻/上岗", "Placed";
    EventGraduated => "出园/结业", "Graduated";
    EventLeft => "离开基地", "Left";
    EventFollowedUp => "完成回访", "Followed up";
    EventUnreachable => "回访未联系上", "Follow-up: not reached";

    // Base KPIs and events
    NavBaseKpis => "基地考核", "Base KPIs";
    BaseKpisTitle => "基地考核指标", "Base KPIs";
    BaseKpisLead => "按年度由入驻、岗位、就业创业和活动记录自动计算，点击基地查看计入的每一条记录。", "Computed for each year from the placements, places, outcomes and events on record; open a base to see every record counted.";
    BaseKpisThrough => "统计截至 {n}", "Counted through {n}";
    BaseKpisNone => "还没有可统计的基地。", "No bases to show yet.";
    FieldYear => "年度", "Year";
    KpiDefinitions => "指标说明", "How the figures are counted";
    ShowYear => "查看", "Show";
    KpiInIncubation => "在孵（在岗）", "In incubation";
    KpiNewEntrants => "新入驻", "New entrants";
    KpiSuccess => "孵化成功率", "Incubation success";
    KpiOnSchedule => "按期出园率", "On-schedule graduation";
    KpiUtilisation => "工位使用率", "Place utilisation";
    KpiJobsCreated => "带动就业", "Jobs created";
    KpiEvents => "举办活动", "Events held";
    KpiParticipants => "参加人次", "Participants";
    KpiTotal => "合计", "Total";
    ColSuccessOf => "成功/满一年", "Succeeded / a year in";
    ColOnScheduleOf => "按期/结束", "On schedule / ended";
    ColPlaceDaysOf => "占用/提供工位·天", "Place-days held / offered";
    KpiInIncubationHelp => "本年度内任一天在基地入驻（在岗）的人数。", "People placed at the base on at least one day of the year.";
    KpiNewEntrantsHelp => "本年度开始入驻的人数。", "Placements that started in the year.";
    KpiSuccessHelp => "入驻满一年的时间落在本年度的孵化、直播间入驻中，满一年前未退出、且年末最新就业创业情况为创业、个体经营、开网店或做主播的比例。", "Of the incubation and livestream-room placements whose first year was up during the year: those who had not left before then and whose latest outcome by the year's end is a business, self-employment, an online shop or livestream work.";
    KpiOnScheduleHelp => "本年度结束的入驻中，在岗位期限内出园（结业）的比例；中途退出不算按期。", "Of the placements that ended in the year: those that graduated by the end of their place's period; leaving early is not on schedule.";
    KpiUtilisationHelp => "本年度入驻占用的工位·天，占岗位在期限内提供的工位·天（名额×天数）的比例。", "Place-days held by placements, of place-days offered (places × days of each place's period), within the year.";
    KpiJobsCreatedHelp => "本年度在孵（在岗）人员截至年末最新一条就业创业记录（入驻后记录的）中的带动就业人数。", "Jobs created for others by the people in incubation in the year, from each one's latest outcome by the year's end (recorded after they started at the base).";
    KpiEventsHelp => "本年度基地举办的培训讲座、沙龙、路演、对接会等活动次数和参加人次。", "Training talks, salons, roadshows, matchmaking fairs and other events the base held in the year, and the people who came.";
    BaseReportPlacements => "计入指标的入驻记录", "Placements counted";
    BaseReportPlacementsNone => "本年度没有计入指标的入驻记录。", "No placements count in this year.";
    ColPerson => "姓名", "Name";
    ColStartDate => "入驻日期", "Started";
    ColEndDate => "离开日期", "Ended";
    ColCountedAs => "计入", "Counted as";
    ColPlaceDays => "工位·天", "Place-days";
    CountedNew => "新入驻", "New entrant";
    CountedSuccess => "满一年·经营中", "A year in, in business";
    CountedNoSuccess => "满一年·未经营", "A year in, not in business";
    CountedOnSchedule => "按期出园", "Graduated on schedule";
    CountedNotOnSchedule => "未按期出园", "Not on schedule";
    BaseEventsTitle => "活动记录", "Events held";
    BaseEventsNone => "本年度还没有记录活动。", "No events recorded in this year.";
    BaseEventNew => "记录一次活动", "Record an event";
    BaseEventSave => "保存活动", "Save the event";
    BaseEventDelete => "删除", "Remove";
    FieldEventDate => "活动日期", "Date";
    FieldEventKind => "活动类型", "Kind";
    FieldEventTitle => "活动名称", "Title";
    FieldParticipants => "参加人数", "People who came";
    FieldEventNotes => "备注", "Notes";
    ColRecordedBy => "记录人", "Recorded by";
    BaseEventTraining => "培训讲座", "Training talk";
    BaseEventSalon => "沙龙交流", "Salon";
    BaseEventRoadshow => "项目路演", "Roadshow";
    BaseEventMatchmaking => "对接会", "Matchmaking fair";
    BaseEventContest => "大赛", "Contest";
    BaseEventOther => "其他", "Other";
    NoticeEventRecorded => "已记录活动。", "The event is recorded.";
    NoticeEventDeleted => "已删除活动。", "The event is removed.";
    ErrParticipants => "参加人数应在0至100000之间", "Enter a number from 0 to 100,000";

    // KPI dashboard, funnel and targets
    NavDashboard => "数据看板", "Dashboard";
    DashboardTitle => "培训就业数据看板", "KPI dashboard";
    DashboardLead => "按开班时间统计所选期间的学员：参训、结业、持证，以及此后的就业创业。点击任一数字查看背后的学员。", "Counts the people on courses that start in the chosen period — trained, completed, certified — and what became of them afterwards. Click any figure to see the people behind it.";
    DashboardPeriod => "统计期间：{n}", "Period: {n}";
    DashboardTownLocked => "您的账号限于本乡镇的数据。", "Your account sees this town's figures only.";
    FieldPeriod => "期间", "Period";
    FieldProvider => "培训机构", "Provider";
    PeriodYear => "全年", "Whole year";
    PeriodQuarter => "第{n}季度", "Quarter {n}";
    PeriodMonth => "{n}月", "Month {n}";
    ShowFigures => "统计", "Show";
    KpiSignedUp => "报名人数", "Signed up";
    KpiTrained => "培训人数", "People trained";
    KpiAttendances => "培训人次", "Attendances";
    KpiCompletion => "结业率", "Completion rate";
    KpiPass => "培训合格率", "Pass rate";
    KpiEnrolmentParts => "{n} 人次", "{n} enrolments";
    FunnelVersusRates => "漏斗按人计，每人只计一次；结业率和合格率按报名人次计（一人结业两门课计两次，只计统计期内已结束的课程），所以两处数字可能不同。", "The funnel counts people, each once; the completion and pass rates count enrolments (a person completing two courses counts twice, and only courses ended in the period count), so the two can differ.";
    KpiCompletedPeople => "结业人数", "Completed";
    KpiCertified => "新增持证人数", "New certificate holders";
    KpiEmployed => "实现就业人数", "Employed";
    KpiEmploymentRate => "就业率", "Employment rate";
    KpiBusiness => "实现创业人数", "In business";
    KpiBusinessRate => "创业成功率", "Business success rate";
    KpiShops => "开设网店", "Online shops opened";
    KpiHosts => "直播带货主播", "Livestream hosts";
    KpiJobsCreatedPeople => "带动就业人数", "Jobs created";
    KpiLeaders => "电商带头人", "E-commerce leaders";
    KpiLeaderVillages => "覆盖 {n} 个村", "in {n} villages";
    KpiPlaced => "入驻孵化/实习", "Placed at bases";
    KpiFollowUps => "回访完成率", "Follow-ups done";
    KpiBaseKpisLink => "各基地考核指标", "Each base's KPIs";
    KpiOf => "{n} 人中", "of {n}";
    FunnelTitle => "转化漏斗", "The funnel";
    FunnelLead => "每一步的人都在上一步之中，下降量为上一步到本步流失的人数。", "Each step's people are among the previous step's; the drop is how many were lost since the previous step.";
    FunnelStep => "环节", "Step";
    FunnelPeople => "人数", "People";
    FunnelDrop => "流失", "Drop";
    FunnelShare => "占报名", "Of signed up";
    FunnelPlaced => "已入驻（持证）", "Placed (certified)";
    FunnelWorking => "就业或创业（已入驻）", "Working or in business (placed)";
    TargetsTitle => "年度目标任务", "Annual targets";
    TargetsLead => "按全市、乡镇、培训项目或产业设定全年目标，进度按全年截至今日的数字计算。", "Targets for the year by city, town, programme or industry; progress counts the whole year to date.";
    TargetsNone => "本年度还没有设定目标。", "No targets set for this year.";
    TargetsForScope => "本范围的年度目标", "This scope's targets for the year";
    TargetsMixed => "目标按单一范围（全市、乡镇、项目或产业）设定；当前筛选组合没有对应的目标。", "Targets are set for one scope (the city, a town, a programme or an industry); these filters together have none.";
    TargetsManage => "设定目标", "Set targets";
    TargetNew => "设定或修改目标", "Set or change a target";
    TargetSave => "保存目标", "Save the target";
    TargetDelete => "删除", "Remove";
    FieldScope => "范围", "Scope";
    FieldScopeValue => "乡镇、项目或产业", "Town, programme or industry";
    FieldKpi => "指标", "Figure";
    FieldTargetValue => "全年目标", "Target for the year";
    ColTarget => "目标", "Target";
    ColActual => "完成", "Done";
    ColProgress => "完成全年目标任务", "Progress";
    ScopeCity => "全市", "Whole city";
    ScopeTown => "乡镇", "Town";
    ScopeProgramme => "培训项目", "Programme";
    ScopeIndustry => "产业", "Industry";
    NoticeTargetSaved => "已保存目标。", "The target is saved.";
    NoticeTargetDeleted => "已删除目标。", "The target is removed.";
    FigurePeopleTitle => "{n} 名学员", "{n} people";
    FigurePeopleNone => "没有符合的学员。", "No one matches.";
    ColTown => "乡镇", "Town";
    ColSeats => "参训班次", "Courses";
    ColCompleted => "结业", "Completed";
    ColCertified => "持证", "Certified";
    ColOutcome => "最新去向", "Latest outcome";
    BackToDashboard => "返回数据看板", "Back to the dashboard";
    UsersColTown => "限定乡镇", "Town";
    UsersSetTown => "保存", "Save";
    NoticeTownChanged => "已更新查看范围。", "The town is saved.";
    UsersColSelections => "组织评选", "Runs selections";
    UsersGrantSelections => "授予", "Give the right";
    UsersRevokeSelections => "收回", "Take it back";
    NoticeSelectionRightGranted => "已授予组织评选的权限。", "They may now run honour selections.";
    NoticeSelectionRightRevoked => "已收回组织评选的权限。", "They may no longer run honour selections.";
    ExportedAt => "导出时间", "Exported at";
    ChartsTitle => "分布", "Breakdowns";
    ChartsLead => "条形图为培训人数；表中另列结业、持证及结业后就业创业人数，均计至统计期末。一人参加多个班次时，在其所属的每个分组中各计一次。", "Bars show people trained; the tables add those who completed, were certified and are working or in business, all as of the period's last day. Someone on courses in two groups counts once in each.";
    ChartByMonth => "按开班月份", "By month of start";
    ChartByTown => "按乡镇（街道）", "By town";
    ChartByProgramme => "按培训项目", "By programme";
    ChartByIndustry => "按产业", "By industry";
    ChartWorking => "就业创业", "Working or in business";
    ExportReportXlsx => "导出报表 Excel", "Export the report (Excel)";
    ReportPrintLink => "打印报表（A4）", "Print the report (A4)";
    ReportTitle => "禹州市电子商务人才培训就业情况报告", "Yuzhou e-commerce talent training and employment report";
    ReportPrint => "打印", "Print";
    ReportPrintHint => "也可使用浏览器的打印功能（Ctrl+P），纸张选 A4。", "Or use the browser's print command (Ctrl+P) on A4 paper.";
    ExportedBy => "导出人", "Exported by";
    ColValue => "数值", "Value";
    ColMadeOf => "构成", "Made of";
    ErrPeriodNotBegun => "该期间尚未开始", "That period has not begun yet";
    ErrTargetRange => "目标应为1至10000000之间的整数", "Enter a whole number from 1 to 10,000,000";
    ErrTownOnlyForViewers => "只有查看员账号可以限定乡镇", "Only viewer accounts can be limited to a town";
    ErrRightOnlyForViewers => "只有查看员账号需要授予组织评选的权限（管理员本来就有）", "Only viewer accounts are given the right to run selections (admins have it already)";
    ErrRightCityWideOnly => "限定乡镇的查看员不能组织评选，请先把范围改为全市", "A viewer limited to a town cannot run selections: make them city-wide first";
    ErrTownWithSelectionRight => "该查看员有组织评选的权限，不能限定乡镇，请先收回该权限", "This viewer may run selections and cannot be limited to a town: take that right back first";
    ErrYearOutOfRange => "请选择2020年至今年之间的年份", "Choose a year from 2020 to this year";

    // Audit log
    AuditKeyCourseId => "课程", "Course";
    AuditKeySessionId => "课次", "Session";
    AuditKeyEnrollmentId => "报名记录", "Enrolment";
    AuditKeyTraineeId => "学员", "Trainee";
    AuditKeyOrganisationId => "机构", "Organisation";
    AuditKeyRoundId => "评选", "Selection";
    AuditKeyImportId => "导入批次", "Import";
    AuditKeyKind => "类别", "Kind";
    AuditKeyStatus => "状态", "Status";
    AuditKeyFrom => "原值", "From";
    AuditKeyTo => "新值", "To";
    AuditKeyReason => "原因", "Reason";
    AuditKeyYear => "年度", "Year";
    AuditKeyFormat => "格式", "Format";
    AuditKeyRows => "行数", "Rows";
    AuditKeyFilter => "筛选条件", "Filter";
    AuditKeyCapacity => "人数上限", "Capacity";
    AuditKeyScore => "成绩", "Score";
    AuditKeyParticipants => "参加人数", "Participants";
    AuditKeyKpi => "指标", "Indicator";
    AuditKeyHeldOn => "日期", "Date";
    AuditKeyTopic => "主题", "Topic";
    AuditKeyTitle => "标题", "Title";
    AuditKeyTownId => "乡镇", "Town";
    AuditKeyCount => "数量", "Count";
    AuditKeyAttendedHours => "出勤学时", "Hours attended";
    AuditKeyRequiredHours => "所需学时", "Hours needed";
    AuditKeyNumber => "编号", "Number";
    AuditKeyReplaces => "替换", "Replaces";
    AuditKeyRecordedAfterwards => "补录", "Recorded afterwards";
    AuditKeyValue => "数值", "Value";
    AuditKeyName => "名称", "Name";
    AuditRaw => "原始记录", "As recorded";
    NavAudit => "操作日志", "Audit log";
    AuditTitle => "操作日志", "Audit log";
    AuditLead => "谁在何时、从何处对哪条记录做了什么。日志只增不改，任何人（包括系统管理员）都无法修改或删除。", "Who did what to which record, when and from where. The log is append-only: nobody, not even an administrator, can change or delete a row.";
    AuditFilterActor => "操作人", "Who";
    AuditFilterActorHint => "手机号或姓名", "Phone number or name";
    AuditFilterAction => "操作", "Action";
    AuditFilterEntity => "记录类型", "Record type";
    AuditFilterRecord => "记录编号", "Record number";
    AuditFilterFrom => "起始日期", "From";
    AuditFilterTo => "截止日期", "To";
    AuditSearch => "查询", "Search";
    AuditFound => "共 {n} 条", "{n} entries";
    AuditNone => "没有符合条件的日志。", "No entries match.";
    AuditColTime => "时间", "Time";
    AuditColActor => "操作人", "Who";
    AuditColAction => "操作", "Action";
    AuditColRecord => "记录", "Record";
    AuditColDetail => "详情", "Detail";
    AuditColIp => "来源地址", "From address";
    AuditSystem => "系统", "System";
    AuditExportTitle => "操作日志导出", "Audit log export";
    ErrDateOutOfRange => "请输入2020年至今天之间的日期", "Enter a date from 2020 to today";
    ErrExportTooLargeForXlsx => "符合条件的记录超过 Excel 表格的上限（约104万行），请改为导出 CSV，或缩小范围后再导出", "More rows match than an Excel sheet holds (about 1,048,000): export CSV instead, or narrow the range";
    AuditEntityAgreement => "校企合作协议", "Agreement";
    AuditEntitySelectionRound => "荣誉评选", "Honour selection";
    AuditEntitySelectionNomination => "评选候选人", "Nomination";
    AuditEntitySelectionObjection => "公示异议", "Objection";
    AuditSelectionOpened => "开设评选", "Selection opened";
    AuditSelectionChanged => "修改评选", "Selection changed";
    AuditSelectionCancelled => "取消评选", "Selection cancelled";
    AuditSelectionNominated => "推荐候选人", "Candidate nominated";
    AuditSelectionScored => "评分", "Candidate scored";
    AuditSelectionViolationRecorded => "记录投诉或违规", "Complaint or violation recorded";
    AuditSelectionNoticeStarted => "开始公示", "Shortlist put on notice";
    AuditSelectionObjectionReceived => "收到公示异议", "Objection received";
    AuditSelectionObjectionDecided => "处理公示异议", "Objection decided";
    AuditSelectionPublished => "公布评选结果", "Selection result published";
    AuditEntityAttendance => "考勤", "Attendance";
    AuditEntityBaseEvents => "基地活动", "Base event";
    AuditEntityBaseKpis => "基地指标", "Base KPIs";
    AuditEntityCertificate => "证书", "Certificate";
    AuditEntityMessage => "消息", "Message";
    AuditMessageRetried => "重新发送消息", "Message sent again";
    AuditEntityCourse => "课程", "Course";
    AuditEntityDashboard => "数据看板", "Dashboard";
    AuditEntityDatabase => "数据库", "Database";
    AuditEntityEnrollment => "报名", "Enrolment";
    AuditEntityFollowUp => "回访", "Follow-up";
    AuditEntityImport => "导入", "Import";
    AuditEntityOrganisation => "合作机构", "Partner";
    AuditEntityOutcome => "就业创业情况", "Outcome";
    AuditEntityPlace => "岗位/工位", "Place";
    AuditEntityPlacement => "入驻/实习", "Placement";
    AuditEntityTarget => "年度目标", "Target";
    AuditEntityTrainee => "学员", "Trainee";
    AuditEntityUser => "用户", "User";
    AuditEntityAuditLog => "操作日志", "Audit log";
    AuditEntitySubsidy => "补贴申领", "Subsidy claims";
    AuditAgreementProposed => "登记协议", "Agreement recorded";
    AuditAgreementConfirmed => "确认协议", "Agreement confirmed";
    AuditAgreementCancelled => "取消协议", "Agreement cancelled";
    AuditAttendanceCheckedIn => "扫码签到", "Checked in by QR code";
    AuditAttendanceCorrected => "更正考勤", "Attendance corrected";
    AuditAttendanceImported => "导入考勤", "Attendance imported";
    AuditAttendanceRecorded => "记录考勤", "Attendance recorded";
    AuditBaseEventDeleted => "删除基地活动", "Base event removed";
    AuditBaseEventRecorded => "记录基地活动", "Base event recorded";
    AuditBaseKpisExported => "导出基地指标", "Base KPIs exported";
    AuditCertificateIssued => "颁发证书", "Certificate issued";
    AuditCertificateReissued => "补发证书", "Certificate reissued";
    AuditCertificateRevoked => "撤销证书", "Certificate revoked";
    AuditCertificatesExported => "导出证书清单", "Certificates exported";
    AuditCourseCreated => "创建课程", "Course created";
    AuditCourseUpdated => "修改课程", "Course changed";
    AuditCourseSessionAdded => "增加课次", "Session added";
    AuditCourseSessionChanged => "修改课次", "Session changed";
    AuditCourseSessionRemoved => "删除课次", "Session removed";
    AuditCourseProviderIssuing => "授权机构颁证", "Provider allowed to issue";
    AuditCourseSubmit => "提交课程审核", "Course submitted";
    AuditCourseWithdraw => "撤回课程", "Course withdrawn";
    AuditCourseApprove => "批准课程", "Course approved";
    AuditCourseReject => "退回课程", "Course rejected";
    AuditCourseOpen => "开放报名", "Enrolment opened";
    AuditCourseStart => "开课", "Course started";
    AuditCourseFinish => "结课", "Course finished";
    AuditCourseArchive => "归档课程", "Course archived";
    AuditDashboardExported => "导出数据看板", "Dashboard exported";
    AuditDashboardPeopleExported => "导出指标人员名单", "People behind a figure exported";
    AuditEnrolmentAdmitted => "从候补录取", "Admitted from waiting list";
    AuditEnrolmentCompleted => "判定结业", "Marked completed";
    AuditEnrolmentEnrolled => "报名成功", "Enrolled";
    AuditEnrolmentImported => "导入报名", "Enrolments imported";
    AuditEnrolmentNotCompleted => "判定未结业", "Marked not completed";
    AuditEnrolmentPromoted => "候补递补", "Promoted from waiting list";
    AuditEnrolmentRemoved => "移出名单", "Removed from roster";
    AuditEnrolmentWaitlisted => "进入候补", "Put on waiting list";
    AuditEnrolmentWithdrawn => "退出报名", "Withdrew";
    AuditFollowUpDone => "完成回访", "Follow-up done";
    AuditFollowUpUnreachable => "回访未联系上", "Follow-up: not reachable";
    AuditFollowUpsExported => "导出回访清单", "Follow-ups exported";
    AuditImportApplied => "确认导入", "Import applied";
    AuditOutcomeFollowedUp => "回访记录就业创业", "Outcome from follow-up";
    AuditOutcomeRecorded => "登记就业创业", "Outcome recorded";
    AuditOutcomeReported => "学员自报就业创业", "Outcome self-reported";
    AuditOutcomeVerified => "核实就业创业", "Outcome verified";
    AuditPartnerApplied => "申请入驻合作", "Partner applied";
    AuditPartnerApproved => "批准合作机构", "Partner approved";
    AuditPartnerReinstated => "恢复合作机构", "Partner reinstated";
    AuditPartnerRejected => "驳回合作机构", "Partner rejected";
    AuditPartnerStaffAdded => "添加机构人员", "Partner staff added";
    AuditPartnerSuspended => "暂停合作机构", "Partner suspended";
    AuditPlaceClosed => "关闭岗位", "Place closed";
    AuditPlacePublished => "发布岗位", "Place published";
    AuditPlaceReopened => "重新开放岗位", "Place reopened";
    AuditPlaceUpdated => "修改岗位", "Place changed";
    AuditPlacementAccepted => "录用入驻/实习", "Placement accepted";
    AuditPlacementApplied => "申请入驻/实习", "Applied for a place";
    AuditPlacementGraduated => "出孵/结业", "Placement graduated";
    AuditPlacementLeft => "中途离开", "Placement left";
    AuditPlacementRejected => "未录用", "Placement rejected";
    AuditRosterExported => "导出花名册", "Roster exported";
    AuditScoreCorrected => "更正成绩", "Score corrected";
    AuditScoreRecorded => "录入成绩", "Score recorded";
    AuditSeedDemo => "生成演示数据", "Demo data generated";
    AuditTargetDeleted => "删除年度目标", "Target removed";
    AuditTargetSet => "设定年度目标", "Target set";
    AuditTraineeIdRevealed => "查看完整身份证号", "Full ID number viewed";
    AuditTraineeImported => "导入学员", "Trainees imported";
    AuditTraineeProfileCreated => "建立实名档案", "Profile created";
    AuditTraineeProfileUpdated => "修改实名档案", "Profile changed";
    AuditUserActivated => "激活账号", "Account activated";
    AuditUserAdminCreated => "创建管理员", "Administrator created";
    AuditUserPasswordChanged => "修改密码", "Password changed";
    AuditUserRoleChanged => "变更角色", "Role changed";
    AuditUserSignedUp => "注册账号", "Signed up";
    AuditUserTownChanged => "设定限定乡镇", "Town limit set";
    AuditUserSelectionRightGranted => "授予组织评选权限", "Right to run selections given";
    AuditUserSelectionRightRevoked => "收回组织评选权限", "Right to run selections taken back";
    AuditAuditLogExported => "导出操作日志", "Audit log exported";
    AuditSubsidiesExported => "导出补贴申领清单", "Subsidy claims exported";

    // Subsidy claims
    NavSubsidies => "补贴申领", "Subsidy claims";
    SubsidyTitle => "培训补贴申领清单", "Training subsidy claims";
    SubsidyLead => "所选年份内结课的课程（免费或政府补贴，可按费用筛选）中，已结业并持有该课程有效证书的学员可申领培训补贴；结业后6个月内实现就业或创业的，按全额申领。", "For the courses that ended in the chosen year (free or subsidised; filter by funding), trainees who completed and hold the course's valid certificate qualify for the training subsidy; those working or in business within six months of completing count for the full amount.";
    SubsidyShow => "查看", "Show";
    SubsidyCourses => "课程", "Courses";
    SubsidyColDates => "培训时间", "Dates";
    SubsidyColSeats => "参训人数", "Trained";
    SubsidyColCompleted => "结业人数", "Completed";
    SubsidyColQualifying => "可申领人数", "Qualifying";
    SubsidyColFull => "其中全额", "Of them full amount";
    SubsidyColPending => "其中待定", "Of them not yet decided";
    SubsidyTotals => "合计：可申领 {n} 人", "In all: {n} qualifying";
    SubsidyTotalsFull => "全额 {n} 人", "{n} full amount";
    SubsidyTotalsPending => "待定 {n} 人", "{n} not yet decided";
    SubsidyNone => "所选范围内没有已结课的课程。", "No course ended in this range.";
    SubsidyPeopleNone => "该课程没有可申领补贴的学员。", "No one on this course qualifies.";
    SubsidyPeopleTitle => "可申领学员", "Qualifying trainees";
    SubsidyShowPeople => "查看名单", "Show trainees";
    SubsidyAllCourses => "返回全部课程", "Back to all courses";
    SubsidyColCompletedOn => "结业日期", "Completed on";
    SubsidyColCertificate => "证书编号", "Certificate";
    SubsidyColFullAmount => "6个月内就业创业（全额）", "Working or in business within 6 months (full amount)";
    SubsidyColWindowEnds => "观察期截止", "Six months end";
    SubsidyColOutcome => "就业创业情况", "Job or business";
    SubsidyFullYes => "是", "Yes";
    SubsidyFullNo => "否", "No";
    SubsidyFullPending => "待定", "Not yet";
    SubsidyIdNumbersFull => "身份证号：完整（本次导出已记录）", "ID numbers: in full (this export is recorded)";
    SubsidyIdNumbersMasked => "身份证号：部分隐藏", "ID numbers: masked";
    SubsidyLink => "补贴申领清单", "Subsidy claim list";

    // Honour selections (诚信带货主播, 文明诚信电商) and their public notice (公示)
    SelectionsTitle => "荣誉评选", "Honour selections";
    SelectionsLead => "诚信带货主播、文明诚信电商评选：推荐、评审、公示，公布结果并颁发荣誉证书。", "Honest-host and honest-business selections: nominations, review, public notice, then the result and honour certificates.";
    SelectionsNone => "还没有评选。", "No selections yet.";
    SelectionNew => "开设评选", "Open a selection";
    FieldSelectionKind => "评选类别", "Kind";
    FieldRoundTitle => "评选名称", "Title";
    FieldCriteria => "评选标准", "Criteria";
    FieldNoticeDays => "公示天数", "Days on public notice";
    ColNominations => "候选人数", "Candidates";
    SeePublicNotice => "查看公示页面", "See the public notice";
    NominationsTitle => "候选人", "Candidates";
    NominationsNone => "还没有候选人。", "No one is nominated yet.";
    ColShortlist => "入围", "Shortlist";
    ColCandidate => "候选人", "Candidate";
    ColNominatedBy => "推荐单位", "Nominated by";
    ColFinalScore => "综合得分", "Score";
    ScoreCount => "{n} 位评委", "{n} reviewers";
    SelfApplied => "本人申请", "Applied themselves";
    NominatedByBureau => "人社局推荐", "The bureau";
    BlockedBadge => "已否决", "Ruled out";
    DeductedPoints => "扣 {n} 分：", "−{n} points: ";
    ViewCertificate => "查看荣誉证书", "See the honour certificate";
    ShortlistHint => "勾选入围公示的候选人（须已评分、未被否决）。提交后即开始公示，名单不能再修改。", "Tick the candidates for the shortlist (scored and not ruled out). The notice starts at once and the shortlist can no longer change.";
    StartNotice => "确定入围名单并开始公示", "Put the shortlist on public notice";
    ScoreTitle => "评分", "Score a candidate";
    FieldScore => "分数（0–100）", "Score (0–100)";
    FieldComment => "评语", "Comment";
    ScoreSave => "保存评分", "Save the score";
    ViolationNew => "记录投诉或违规", "Record a complaint or violation";
    FieldSource => "来源（如市场监管通报文号）", "Source (e.g. the market-supervision notice)";
    FieldViolationDescription => "情况说明", "What happened";
    FieldEffect => "处理", "Effect";
    EffectDeduct => "扣分", "Deduct points";
    EffectBlock => "否决（不得入选）", "Rule out";
    FieldPoints => "扣分分值", "Points deducted";
    ViolationSave => "记录", "Record";
    NominateTitle => "推荐候选人", "Nominate a candidate";
    NominateSubmit => "提交推荐", "Nominate";
    SelectionApplyTitle => "申请参评", "Apply for this honour";
    SelectionApplySubmit => "提交申请", "Apply";
    FieldTraineeNumber => "学员编号", "Trainee number";
    FieldTraineeNumberHint => "见“学员档案”页面地址中的编号", "The number in the address of the person's record page";
    FieldNominationReason => "推荐理由", "Why they deserve it";
    ObjectionsTitle => "收到的异议", "Objections received";
    ObjectionsNone => "没有收到异议。", "No objections.";
    ColReceivedAt => "收到时间", "Received";
    ColContact => "联系方式", "Contact";
    FieldReply => "核查结果", "What was found";
    DecisionUphold => "异议成立", "Uphold";
    DecisionDismiss => "异议不成立", "Dismiss";
    PublishTitle => "公布结果", "Publish the result";
    PublishHint => "公示期结束、所有异议处理完毕后，公布结果：未被否决且无成立异议的入围者获评，并自动颁发荣誉证书。", "Once the notice period is over and every objection is decided: the shortlisted not ruled out and without an upheld objection are honoured, each with an honour certificate.";
    PublishSubmit => "公布结果并颁发证书", "Publish and issue certificates";
    CancelRound => "取消本次评选", "Cancel this selection";
    NoticesTitle => "公示公告", "Public notices";
    NoticesLead => "评选入围名单在公示期内接受社会监督，公示结束后公布荣誉榜。", "Shortlists are open to public scrutiny during their notice period; the honour lists follow.";
    NoticesOnNotice => "正在公示", "On notice now";
    NoticesNone => "目前没有正在公示的评选。", "Nothing is on notice at the moment.";
    HonoursTitle => "荣誉榜", "Honour list";
    HonoursNone => "暂无。", "None yet.";
    NoticePeriod => "公示期：{n}", "Notice period: {n}";
    NoticeShortlist => "入围名单", "Shortlist";
    ObjectTitle => "提出异议", "Object";
    ObjectHint => "如对入围者有异议，请如实反映。您的姓名和电话只用于人社局核实，不会公开。", "If you object to someone on the shortlist, tell us. Your name and phone are used by the bureau to check, and never published.";
    FieldObjectionCandidate => "针对的候选人（可不选）", "Candidate (optional)";
    FieldObjectionBody => "异议内容", "Objection";
    ObjectionBodyHint => "请只填写文字，最多500字。", "Plain text, at most 500 characters.";
    ObjectSubmit => "提交异议", "Send the objection";
    ObjectionsClosed => "公示期已结束，不再受理异议。", "The notice period is over; objections are closed.";
    NoticeRoundOpened => "评选已开设。", "The selection is open.";
    NoticeNominated => "已提交。", "Sent.";
    NoticeScored => "评分已保存。", "The score is saved.";
    NoticeViolationRecorded => "已记录。", "Recorded.";
    NoticeNoticeStarted => "入围名单已开始公示。", "The shortlist is on public notice.";
    NoticeObjectionSent => "异议已提交，人社局将核实处理。谢谢您的监督。", "Your objection is sent; the bureau will look into it. Thank you.";
    NoticeObjectionDecided => "已处理该异议。", "The objection is decided.";
    NoticeResultPublished => "结果已公布，荣誉证书已颁发。", "The result is published and honour certificates issued.";
    NoticeRoundCancelled => "评选已取消。", "The selection is cancelled.";
    NavSelections => "荣誉评选", "Honours";
    NavNotices => "公示公告", "Public notices";
    SelectionHonestHost => "诚信带货主播", "Honest livestream host";
    SelectionHonestBusiness => "文明诚信电商", "Civilised honest e-commerce business";
    RoundOpen => "推荐评审中", "Taking nominations";
    RoundNotice => "公示中", "On public notice";
    RoundNoticeUpcoming => "即将公示", "Notice opens soon";
    RoundNoticeEnded => "公示期满，待公布结果", "Notice period over; result to follow";
    ObjectionsNotYet => "公示尚未开始，开始后可以提出异议。", "The notice period has not begun; objections open when it does.";
    RoundPublished => "已公布结果", "Result published";
    RoundCancelled => "已取消", "Cancelled";
    NominationNominated => "已推荐", "Nominated";
    NominationShortlisted => "入围公示", "Shortlisted";
    NominationHonoured => "获评", "Honoured";
    NominationNotSelected => "未入选", "Not selected";
    NominationWithdrawn => "已撤回", "Withdrawn";
    ObjectionReceived => "待处理", "Received";
    ObjectionUpheld => "异议成立", "Upheld";
    ObjectionDismissed => "异议不成立", "Dismissed";
    ErrRoundYear => "请填写2020年至2100年之间的年份", "Enter a year from 2020 to 2100";
    ErrNoticeDays => "公示期应为1至30天", "The notice lasts 1 to 30 days";
    ErrDeductionRange => "扣分应在1到100之间", "Deduct between 1 and 100 points";
    ErrObjectionTooLong => "异议内容不能超过500字", "An objection can be at most 500 characters";
    ErrObjectionTooShort => "请具体说明异议内容（至少5个字）", "Please say what the objection is (at least 5 characters)";
    ErrNoMarkup => "请只填写文字，不能包含尖括号、网页代码或脚本", "Plain text only: no angle brackets, markup or scripts";
    ErrRoundExists => "该年度已有同类评选，请勿重复开设", "A round of this kind is already open for that year";
    ErrRoundLocked => "评选已进入公示或已公布，不能再修改", "The round is on notice or published and can no longer change";
    ErrRoundNotOpen => "该评选当前不接受推荐和评分", "This round is not taking nominations or scores now";
    ErrAlreadyNominated => "此人已在本轮评选中被推荐，不能重复推荐", "This person is already nominated in this round";
    ErrNotNominable => "只能推荐与本机构有培训、入驻或主播关系且已实名的学员", "You can nominate only people with a real-name profile who trained, were placed or host with your organisation";
    ErrBusinessNameRequired => "文明诚信电商评选请填写店铺或企业名称", "Give the shop or business name for a business round";
    ErrShortlistEmpty => "请至少选择一位入围公示的候选人", "Choose at least one candidate for the shortlist";
    ErrShortlistInvalid => "入围名单中有候选人不在本轮、未评分或已被否决", "Someone on the shortlist is not in this round, has no score yet or is ruled out";
    ErrNoticeClosed => "公示期已结束或尚未开始，不能再提出异议", "The notice period is over or has not begun; objections are closed";
    ErrNoticeRunning => "公示期尚未结束，结束后才能公布结果", "The notice period has not ended; the result can be published after it";
    ErrObjectionsPending => "还有未处理的异议，请先处理", "Some objections are still to be decided";
    ErrNotOnShortlist => "该候选人不在公示名单中", "This candidate is not on the notice";
    ErrObjectionDecided => "该异议已处理", "This objection has already been decided";
    ErrTooManyObjections => "您提交的异议过多，请稍后再试", "You have sent too many objections; try again later";

    // Livestream host registry
    NavHosts => "主播", "Hosts";
    NavMyHost => "主播档案", "Host profile";
    HostsTitle => "直播带货主播", "Livestream hosts";
    HostsLead => "培训学员中的直播带货主播：平台账号、带货品类、所属机构、开播场次和销售额，培训与证书取自学员档案。", "Trainees who work as livestream hosts: platform accounts, what they sell, their agency, sessions and sales; training and certificates come from their records.";
    HostsNone => "没有符合条件的主播。", "No hosts match.";
    HostsTotal => "共 {n} 名主播", "{n} hosts";
    HostSearch => "姓名或账号", "Name or account";
    FieldHostCategories => "带货品类", "Categories sold";
    FieldHostAgency => "所属直播基地或机构", "Agency or base";
    FieldHostAccounts => "平台账号", "Platform accounts";
    FieldAccountName => "账号名称", "Account name";
    FieldMonthlySessions => "每月开播场次", "Sessions a month";
    FieldSalesBand => "月销售额", "Monthly sales";
    ColHostCertificates => "有效证书", "Valid certificates";
    HostAccountsHint => "至少填写一个账号，最多五个；每行选择平台并填写账号名称。", "At least one account, at most five: a platform and the account's name on each row.";
    HostNoAgency => "无（个人主播）", "None (independent)";
    HostActive => "在播", "Hosting";
    HostInactive => "已停播", "Stopped";
    HostStillActive => "仍在直播带货", "Still hosting";
    HostRegister => "登记主播", "Register a host";
    HostCandidatesHint => "可登记在本机构参加培训或入驻的学员。", "You can register people trained or placed with your organisation.";
    HostChange => "修改主播档案", "Change the host profile";
    HostApply => "申请登记为主播", "Apply as a host";
    HostSave => "保存", "Save";
    HostTraining => "参加的培训", "Training";
    HostNoTraining => "暂无培训记录。", "No training yet.";
    HostCertificates => "证书", "Certificates";
    HostNoCertificates => "暂无证书。", "No certificates yet.";
    HostPersonRecord => "学员档案", "Person's record";
    MyHostTitle => "我的主播档案", "My host profile";
    MyHostLead => "从事直播带货的学员可登记主播档案，便于直播基地对接和参加“诚信带货主播”评选。", "If you sell through livestreams, keep a host profile: bases can find you and you can take part in the honest-host selection.";
    NoticeHostSaved => "主播档案已保存", "The host profile is saved";
    HostSourceApplied => "本人申请", "Applied";
    HostSourceOutcome => "就业跟踪登记", "From an outcome";
    HostSourceAgency => "机构登记", "Registered by the agency";
    HostSourceBureau => "人社局登记", "Registered by the bureau";
    ErrHostCategories => "请至少选择一个带货品类", "Choose at least one category";
    ErrMonthlySessions => "每月开播场次应为 0 到 300 之间的整数", "Sessions a month must be a whole number from 0 to 300";
    ErrTooManyAccounts => "最多填写五个账号", "At most five accounts";
    ErrHostAccountRequired => "请至少填写一个平台账号", "Give at least one platform account";
    ErrDuplicateAccount => "该账号已填写过", "This account is already listed";
    ErrHostAgencyOwn => "只能登记为本机构的主播", "You can register hosts only with your own organisation";
    ErrHostAgency => "请选择已通过审核的直播基地、孵化基地或企业", "Choose an approved livestream base, incubation base or enterprise";
    ErrAlreadyHost => "此人已有主播档案", "This person already has a host profile";
    ErrNotHostable => "只能登记在本机构参加培训或入驻、且已实名的学员", "You can register only people with a real-name profile who trained or were placed with your organisation";
    AuditHostApplied => "申请登记主播", "Applied as a host";
    AuditHostChanged => "修改主播档案", "Host profile changed";
    AuditHostRegistered => "登记主播", "Host registered";
    AuditEntityHost => "主播档案", "Host profile";

    // Lectures and salons as events
    ErrNotAnEvent => "该课程不是讲堂或沙龙活动", "This course is not a lecture or salon";
    ErrEventFull => "活动名额已满", "This event is full";
    ErrAlreadyRegistered => "该手机号已报名本活动", "This mobile number is already registered for this event";
    ErrCannotCancelRegistration => "该报名已签到、已取消或活动已结束，不能取消", "This registration is checked in, cancelled, or the event is over: it cannot be cancelled";
    ErrRegistrationCancelled => "该报名已取消", "This registration was cancelled";
    ErrNotRegistered => "没有找到该手机号的报名，请核对或现场报名", "No registration with this mobile number; check it or register at the desk";
    ErrEventRegisterInstead => "讲堂和沙龙活动请填写姓名、手机号和乡镇快速报名", "Lectures and salons take a quick registration with a name, mobile number and town";
    AuditEventRegistered => "活动报名", "Registered for an event";
    AuditEventCancelled => "取消活动报名", "Event registration cancelled";
    AuditEventCheckedIn => "活动签到", "Checked in at an event";
    AuditEventExported => "导出活动报名名单", "Event registrations exported";
    RegistrationsSheetName => "活动报名", "Registrations";
    MyEventsTitle => "我报名的讲堂和沙龙", "My lectures and salons";
    MyEventsTicket => "报名凭证", "Ticket";
    EventSessionsTitle => "场次与扫码签到", "Sessions and QR check-in";
    EventSessionOnNow => "进行中", "On now";
    AuditEntityEventRegistration => "活动报名", "Event registration";
    NoticeEventRegistered => "报名成功，请保存本页地址，活动当天凭手机号签到", "You are registered: keep this page's address and check in with your mobile number on the day";
    NoticeRegistrationCancelled => "已取消报名", "Your registration is cancelled";
    EventRegisterTitle => "快速报名", "Quick registration";
    EventRegisterLead => "讲堂和沙龙免实名，填写姓名、手机号和所在乡镇即可报名。", "No profile needed for lectures and salons: give your name, mobile number and town.";
    EventRegisterSubmit => "报名参加", "Register";
    EventFull => "名额已满", "This event is full";
    FieldMobile => "手机号", "Mobile number";
    TicketTitle => "活动报名凭证", "Event ticket";
    TicketCheckedIn => "已签到", "Checked in";
    TicketRegistered => "已报名，未签到", "Registered, not checked in";
    TicketCancelled => "已取消", "Cancelled";
    TicketCancel => "取消报名", "Cancel my registration";
    TicketHint => "活动现场扫描屏幕上的签到二维码，填写报名手机号即可签到。", "At the event, scan the check-in code on the screen and give this mobile number.";
    RegistrationsTitle => "报名与签到", "Registrations and check-in";
    RegistrationsCounts => "已报名 {n} 人", "{n} registered";
    RegistrationsCheckedIn => "已签到 {n} 人", "{n} checked in";
    RegistrationsNone => "还没有人报名。", "Nobody has registered yet.";
    RegistrationCheckIn => "签到", "Check in";
    RegistrationsLink => "报名与签到名单", "Registrations and check-in";
    CheckinByPhone => "请输入报名时填写的手机号", "Enter the mobile number you registered with";
    CheckinByPhoneSubmit => "签到", "Check in";
    ColRegisteredAt => "报名时间", "Registered";
    ColCheckedIn => "签到", "Check-in";

    // Messages: the inbox, the outbox and the templates
    ErrPhoneDigits => "请输入手机号的数字（最多11位）", "Enter the digits of a phone number (at most 11)";
    NavMessages => "消息", "Messages";
    NavOutbox => "消息发送", "Messages sent";
    UnreadCount => "{n} 条未读", "{n} unread";
    InboxTitle => "我的消息", "My messages";
    InboxLead => "报名、候补、证书等通知都在这里；开启短信的通知也会发到您的手机。", "Notices about your enrolments, waiting lists and certificates are kept here; those sent by SMS reach your phone as well.";
    InboxNone => "还没有消息。", "No messages yet.";
    InboxMarkAllRead => "全部标为已读", "Mark all as read";
    InboxUnread => "未读", "Unread";
    InboxBack => "返回消息列表", "Back to my messages";
    MessageTitle => "消息", "Message";
    MessageChannelInbox => "站内消息", "Inbox";
    MessageChannelSms => "短信", "SMS";
    MessageStatusQueued => "排队中", "Queued";
    MessageStatusSending => "发送中", "Sending";
    MessageStatusSent => "已发送", "Sent";
    MessageStatusFailed => "发送失败", "Failed";
    MessageStatusCancelled => "已取消", "Cancelled";
    OutboxTitle => "消息发送记录", "Messages sent";
    OutboxLead => "系统发出的站内消息和短信。短信服务商为“log”时短信不会发出，只在此处留存全文。", "The inbox messages and SMS Yucai has sent. With the “log” SMS provider no SMS leaves the server; its text is kept here.";
    OutboxFound => "共 {n} 条", "{n} found";
    OutboxNone => "没有符合条件的消息。", "No message matches.";
    OutboxDays => "每日发送量", "Per day";
    OutboxColDay => "日期", "Day";
    OutboxColMessages => "消息", "Messages";
    OutboxColSms => "短信", "SMS";
    OutboxColSegments => "计费条数", "Billed parts";
    OutboxColFailed => "失败", "Failed";
    OutboxColTime => "时间", "Time";
    OutboxColChannel => "渠道", "Channel";
    OutboxColTemplate => "模板", "Template";
    OutboxColPhone => "手机号", "Phone";
    OutboxColText => "内容", "Text";
    OutboxColStatus => "状态", "Status";
    OutboxColAttempts => "尝试次数", "Tries";
    OutboxRetry => "重新发送", "Send again";
    OutboxRetried => "已重新排队，稍后发送。", "Queued again; it will be sent shortly.";
    FieldTemplate => "模板", "Template";
    ErrMessageNotFailed => "只有发送失败的消息可以重新发送", "Only a failed message can be sent again";
    TplEnrolledTitle => "报名成功", "You are enrolled";
    TplEnrolledBody => "您已成功报名“{course}”，请按时参加培训。", "You are enrolled on “{course}”. Please attend its sessions on time.";
    TplWaitlistedTitle => "已进入候补名单", "You are on the waiting list";
    TplWaitlistedBody => "“{course}”名额已满，您在候补名单第{position}位，有空位时将按顺序递补并通知您。", "“{course}” is full. You are number {position} on its waiting list; when a seat frees up it goes to the next in line and you will be told.";
    TplSeatGivenTitle => "候补成功", "A seat is yours";
    TplSeatGivenBody => "“{course}”有空位，已为您从候补名单递补报名，请按时参加培训。", "A seat on “{course}” freed up and has been given to you from the waiting list. Please attend its sessions on time.";
    TplApplicationAcceptedTitle => "申请已通过", "Application accepted";
    TplApplicationAcceptedBody => "您申请的“{place}”已通过，请留意单位的联系。", "Your application for “{place}” was accepted. The host will contact you.";
    TplApplicationRejectedTitle => "申请未通过", "Application not accepted";
    TplApplicationRejectedBody => "很遗憾，您申请的“{place}”未通过。可以继续浏览其他岗位。", "Your application for “{place}” was not accepted. Other places are open to you.";
    TplResetCodeTitle => "密码重置验证码", "Password reset code";
    TplResetCodeBody => "您正在重置禹才平台密码，验证码{code}，5分钟内有效。如非本人操作，请忽略本短信。", "Your Yucai password reset code is {code}, valid for 5 minutes. If you did not ask for it, ignore this message.";
    TplImportAskHolderTitle => "请完善您的学员信息", "Please complete your trainee profile";
    TplImportAskHolderBody => "{org}将本手机号登记为学员。如是您本人，请登录禹才完善实名信息后报名课程；忘记密码可用本手机号找回。", "{org} registered this phone as a trainee's. If that is you, sign in to Yucai, complete your profile and enrol; a forgotten password can be reset with this phone.";
    ColAccount => "账号", "Account";
    RosterActivated => "已激活", "Active";
    RosterNotActivated => "未激活", "Not activated";
    RosterCodeIssued => "激活码 {n}", "Code {n}";
    RosterCodeExpires => "{n} 前有效", "valid until {n}";
    RosterIssueCodes => "打印激活码", "Print activation codes";
    RosterIssueCodesHint => "为名单中尚未激活、也没有有效激活码的学员生成激活码（30天内有效，只显示这一次）。", "Makes activation codes for trainees on this roster who are not activated and hold no live code (valid 30 days, shown this once).";
    RosterReissueCode => "重新生成激活码", "New activation code";
    RosterReissueCodeFor => "为{n}重新生成激活码", "New activation code for {n}";
    ActivationSheetTitle => "激活码 · {n}", "Activation codes · {n}";
    ActivationSheetLead => "请打印后剪开，当面交给本人。激活码只显示这一次，重新生成会使旧码失效。", "Print, cut and hand each slip to its holder in person. The codes are shown this once; making a new one voids the old.";
    ActivationSlipHow => "打开禹才 → 登录 → 首次登录激活，输入手机号和激活码，设置密码。", "Open Yucai → Log in → First login; enter the phone and this code, then set a password.";
    ActivationSlipValid => "{n} 前有效，仅可使用一次", "Valid until {n}, once";
    ActivationSheetNone => "没有需要激活码的学员：名单中的人都已激活或已有有效激活码。", "Nobody needs a code: everyone on the roster is activated or holds a live code.";
    ActivationAlreadyIssued => "另有 {n} 人已有有效激活码，未重新生成（如需重发，请在名单中单独生成）。", "{n} more already hold a live code and were left alone (make a new one from their roster row if needed).";
    ButtonPrint => "打印", "Print";
    ImportResultAsked => "{n} 个手机号已有账号，未关联，已通知号码持有人", "{n} phones already had accounts: not linked, their holders were told";
    AuditActivationCodesIssued => "发放激活码", "Activation codes issued";
    ResetTitle => "找回密码", "Reset your password";
    ResetLead => "输入注册时的手机号，我们会发送6位验证码；凭验证码设置新密码后，其他设备上的登录会全部退出。", "Enter the mobile number you signed up with and we will send a 6-digit code; with it you set a new password, and every other signed-in device is signed out.";
    ResetSendCode => "获取验证码", "Send the code";
    ResetCodeSent => "如果该手机号已注册，验证码已通过短信发送，5分钟内有效。", "If this number is registered, a code is on its way by SMS; it is valid for 5 minutes.";
    ResetResend => "没收到？重新获取验证码", "No code? Send another";
    ResetSubmit => "设置新密码", "Set the new password";
    ResetDone => "密码已重置，您已登录。", "Your password has been reset and you are signed in.";
    LoginForgot => "忘记密码？", "Forgot your password?";
    FieldCode => "短信验证码", "SMS code";
    ErrCodeFormat => "请输入6位数字验证码", "Enter the 6-digit code";
    ErrCodeExpired => "验证码已过期或已失效，请重新获取", "This code has expired or been used up; ask for a new one";
    ErrCodeWrong1 => "验证码不正确，还可尝试 1 次", "Wrong code; 1 try left";
    ErrCodeWrong2 => "验证码不正确，还可尝试 2 次", "Wrong code; 2 tries left";
    ErrCodeWrong3 => "验证码不正确，还可尝试 3 次", "Wrong code; 3 tries left";
    ErrCodeWrong4 => "验证码不正确，还可尝试 4 次", "Wrong code; 4 tries left";
    AuditUserPasswordReset => "通过短信重置密码", "Password reset by SMS code";
    TplCertificateIssuedTitle => "证书已发放", "Certificate issued";
    TplCertificateIssuedBody => "您的“{course}”结业证书已发放，可凭此链接查验：{url}", "Your certificate for “{course}” has been issued. Anyone can verify it at {url}";

    // Error pages
    NotFoundTitle => "页面不存在", "Page not found";
    NotFoundText => "您访问的页面不存在或已被移除。", "The page you asked for does not exist or has been removed.";
    BackHome => "返回首页", "Back to the home page";
    ErrorTitle => "出错了", "Something went wrong";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            assert!(!msg.zh().trim().is_empty(), "{msg:?} has no Chinese text");
            assert!(!msg.en().trim().is_empty(), "{msg:?} has no English text");
        }
    }

    #[test]
    fn placeholders_are_in_both_languages() {
        for msg in Msg::ALL {
            assert_eq!(
                msg.zh().contains("{n}"),
                msg.en().contains("{n}"),
                "{msg:?}"
            );
        }
        assert_eq!(
            Locale::En.fill(Msg::ErrTooManyAttempts, 15),
            "Too many attempts; try again in 15 minutes"
        );
    }

    #[test]
    fn keys_round_trip() {
        for msg in Msg::ALL {
            assert_eq!(Msg::from_key(msg.key()), Some(*msg));
        }
        assert_eq!(Msg::from_key("<script>"), None);
    }

    #[test]
    fn locale_comes_from_the_cookie_and_defaults_to_chinese() {
        assert_eq!(
            Locale::from_cookie_header("a=1; yucai_lang=en"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_cookie_header("yucai_lang=zh-CN"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::from_cookie_header("other=en"), None);
        assert_eq!(Locale::from_code("fr"), Locale::ZhCn);
    }
}
