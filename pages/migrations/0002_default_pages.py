from django.db import migrations

# The footer's pages exist from the start; editors rewrite their text in the admin.
PAGES = [
    (
        "about",
        "关于我们",
        "高新区报关注国家高新区的创新与发展，报道各高新区的党建工作、园区动态、科技创新与营商环境。",
    ),
    (
        "contact",
        "联系我们",
        "新闻线索、来稿与读者意见，欢迎与本报编辑部联系。\n\n联系方式请编辑在网站后台“网站页面”中填写。",
    ),
    (
        "copyright",
        "版权声明",
        "本网站刊登的所有文字、图片，版权均属高新区报或原作者所有。"
        "未经书面授权，任何单位和个人不得转载、摘编或以其他方式使用。"
        "\n\n经授权转载的，须注明“来源：高新区报”及作者姓名。",
    ),
    (
        "advertise",
        "广告合作",
        "本报网站为各高新区、园区企业和机构提供广告位，广告经编辑审核后上线，每条广告均标明“广告”。"
        "\n\n已开通账户的广告主可登录广告主页面，自行新建和修改广告，并查看展示与点击数据。"
        "开通账户请与本报广告部联系。",
    ),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, body in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
