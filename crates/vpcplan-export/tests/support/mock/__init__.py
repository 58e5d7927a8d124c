"""The AWS behaviours moto 5.2 lacks that the exports rely on, one module per
behaviour; importing a module patches moto. `moto_server.py` imports them all."""
