"""The Guangdong demo federation, from the bulletin seed (广东省总工会工作简报, 2013年3月).

Real names: the province, its 21 prefecture-level cities and their county-level divisions
(GB/T 2260), the provincial industry and enterprise unions and the towns and streets the bulletin
names. Grassroots unions beyond those the bulletin names are generated, with valid credit codes.
"""

from __future__ import annotations

PROVINCE = ("广东省总工会", "省总工会", "440000")

# Provincial industry unions and directly affiliated enterprise unions named in the seed.
PROVINCIAL = [
    ("广东省财贸工会", "省财贸工会", "industry", "industry"),
    ("广东省海员工会", "省海员工会", "industry", "industry"),
    ("广东机场集团公司工会", "机场集团公司工会", "grassroots", "enterprise"),
]

# (county division code, town or street name, grassroots unions named in the seed under it).
# 东莞 and 中山 have towns directly under the city: their town rows give the city code.
TOWNS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("440105", "赤岗街道总工会", [("赤岗街道联合工会", "joint")]),
    ("440105", "新港街道总工会", [("新港街道社区工会联合会", "community")]),
    ("440605", "九江镇总工会", [("广东九江酒厂有限公司工会", "enterprise")]),
    ("440883", "博铺镇总工会", [("博铺镇外来工工会", "joint")]),
    ("440303", "东门街道总工会", []),
    ("441900", "长安镇总工会", []),
    ("442000", "火炬开发区总工会", []),
]

# The people behind the demo logins: (username, full name, role, where).
# `where` is a union name in the demo tree.
PERSONAS = [
    ("province_admin", "省总管理员", "admin", "广东省总工会"),
    ("province_viewer", "省总信息员", "viewer", "广东省总工会"),
    ("city_admin", "广州市总管理员", "admin", "广州市总工会"),
    ("district_officer", "海珠区总经办", "clerk", "广州市海珠区总工会"),
    ("district_approver", "海珠区总审核", "approver", "广州市海珠区总工会"),
    ("street_officer", "赤岗街道经办", "admin", "赤岗街道总工会"),
    ("sibling_officer", "新港街道经办", "admin", "新港街道总工会"),
    ("grassroots_officer", "九江酒厂工会经办", "admin", "广东九江酒厂有限公司工会"),
    ("member", "陈会员", "member", "广东九江酒厂有限公司工会"),
    ("shenzhen_officer", "罗湖区总经办", "admin", "深圳市罗湖区总工会"),
]
DEMO_PASSWORD = "gonghui-demo-2026"

# Words for generated enterprise names (company names are made up; places are real).
BRANDS = [
    "华",
    "粤",
    "南",
    "泰",
    "鸿",
    "信",
    "达",
    "宏",
    "恒",
    "丰",
    "盛",
    "嘉",
    "力",
    "德",
    "安",
    "兴",
    "新",
    "创",
    "金",
    "美",
    "利",
    "通",
    "海",
    "源",
    "天",
    "顺",
    "和",
    "隆",
    "远",
    "瑞",
    "科",
    "伟",
]
TRADES = [
    ("电子科技", "03"), ("精密制造", "03"), ("服装", "03"), ("食品", "03"), ("物流", "06"),
    ("建设工程", "05"), ("商贸", "08"), ("酒店管理", "09"), ("物业管理", "11"), ("信息技术", "07"),
    ("家具", "03"), ("五金制品", "03"), ("医药", "03"), ("餐饮管理", "09"), ("陶瓷", "03"),
]  # fmt: skip
