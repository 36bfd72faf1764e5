"""Training courses (培训班): sessions, trainees, attendance, completion and certificates."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions import training_follow_dissolution, training_follow_merge
from .home import my_training_panels, training_offers, training_shortcuts
from .selectors import attendance_due_count, to_certify_count

AUDIT = {
    "training.course.create": ("开设培训班", "Course created"),
    "training.course.update": ("修改培训班", "Course changed"),
    "training.course.publish": ("培训班开放报名", "Course opened for enrolment"),
    "training.course.close": ("培训班截止报名", "Course enrolment closed"),
    "training.course.reopen": ("培训班重新开放报名", "Course enrolment reopened"),
    "training.course.finish": ("培训班办理结业", "Course finished"),
    "training.course.cancel": ("取消培训班", "Course cancelled"),
    "training.session.add": ("添加课次", "Session added"),
    "training.session.remove": ("删除课次", "Session removed"),
    "training.enrolment.add": ("登记学员", "Trainees enrolled"),
    "training.enrolment.self": ("本人报名培训", "Worker enrolled themselves"),
    "training.enrolment.withdraw": ("退出培训", "Trainee withdrew"),
    "training.trainee.reveal": ("查看学员证件号码", "Trainee's numbers revealed"),
    "training.attendance.set": ("登记出勤", "Attendance recorded"),
    "training.attendance.scan": ("扫码签到", "Checked in by QR code"),
    "training.scores.set": ("登记考核成绩", "Test scores entered"),
    "training.certificate.issue": ("发放结业证书", "Certificates issued"),
    "training.certificate.revoke": ("撤销结业证书", "Certificate revoked"),
    "training.roster.export": ("导出学员名册", "Course roster exported"),
    "training.statistics.export": ("导出培训统计", "Training statistics exported"),
    "training.follow_merge": ("培训班随工会合并", "Courses followed a merge"),
    "training.follow_dissolution": ("培训班随工会撤销而取消", "Courses cancelled with a dissolution"),
}
DETAILS = {
    "subject": ("培训类别", "Subject"),
    "capacity": ("名额", "Places"),
    "hours": ("学时", "Hours"),
    "topic": ("内容", "Topic"),
    "people": ("学员", "Trainees"),
    "fields": ("显示的字段", "Fields shown"),
    "present": ("出勤", "Present"),
    "absent": ("缺勤", "Absent"),
    "trainees": ("学员人数", "Trainees"),
    "completed": ("结业人数", "Completed"),
    "within": ("范围", "Within"),
}

MODULE = Module(
    name="training",
    title=_("职工培训"),
    nav=(
        Nav(_("职工培训"), "training:list", order=62, scope="within"),
        Nav(_("我的培训"), "training:mine", members=True, order=62),
    ),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        merged=training_follow_merge,
        dissolved=training_follow_dissolution,
        why_unchanged="Courses hang on their union by id: a union that moves, or whose sub-unions leave "
        "with a split, keeps its courses, and the sub-unions keep their own.",
    ),
    todos=(
        Todo(
            "training.attendance_due",
            _("待登记出勤的培训班"),
            count=attendance_due_count,
            url="/training/?todo=attendance",
        ),
        Todo(
            "training.to_certify",
            _("待发结业证书的培训班"),
            count=to_certify_count,
            url="/training/?todo=certify",
        ),
    ),
    exports=(
        Export("training.roster", "培训班学员名册", ("xlsx", "csv")),
        Export("training.statistics", "职工培训统计", ("xlsx", "csv")),
    ),
    mine=my_training_panels,
    shortcuts=training_shortcuts,
    offers=training_offers,
)
