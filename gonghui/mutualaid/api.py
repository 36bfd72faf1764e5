from ninja import Router

router = Router(tags=["医疗互助"])
