"""The demo's people, workshops and pieces, modelled on a real "US museum shops" virtual buyer mission.

A regional export institute of Castilla-La Mancha and a Moroccan crafts house present artisans to
museum-shop buyers in the United States. Businesses and people are invented; places, crafts,
techniques and labels are real. Texts are written in each artisan's own language, as they would
write them in the product form. Plain data only: the loader turns it into rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from demo import DEMO_DOMAIN, STAFF_EMAIL

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class DemoProduct:
    title: str
    description: str
    shape: str  # which drawing in demo.images.PAINTERS
    colours: tuple[str, ...]  # main colour first; names in the product's language, see COLOURS
    materials: tuple[str, ...]
    techniques: tuple[str, ...]
    size_cm: tuple[float | None, float | None, float | None]  # width, height, depth
    weight_kg: str
    wholesale: str
    retail: str
    min_order_qty: int
    lead_time_days: int
    monthly_capacity: int
    craft: str = ""  # a Craft slug; the artisan's first craft when empty
    draft: bool = False


@dataclass(frozen=True)
class DemoArtisan:
    slug: str
    email: str
    full_name: str
    business_name: str
    kind: str
    crafts: tuple[str, ...]
    country: str
    region: str
    city: str
    language: str  # of the story and the products
    languages_spoken: tuple[str, ...]
    year_founded: int
    team_size: int
    story: str
    exported_before: bool
    export_markets: str
    monthly_capacity: int
    lead_time_days: int
    min_order_value: str
    currency: str
    incoterms: tuple[str, ...]
    payment_terms: str
    certifications: tuple[str, ...]
    products: tuple[DemoProduct, ...]
    status: str = "approved"
    rejection_reason: str = ""
    website: str = ""
    instagram: str = ""
    interface_language: str = ""  # the account's language; the story's language when empty

    @property
    def time_zone(self) -> str:
        return "Europe/Madrid" if self.country == "ES" else "Africa/Casablanca"


@dataclass(frozen=True)
class DemoBuyer:
    email: str
    full_name: str
    organisation_name: str
    organisation_kind: str
    city: str
    time_zone: str
    job_title: str
    crafts_of_interest: tuple[str, ...]
    typical_order_qty: int
    price_min_usd: str
    price_max_usd: str
    languages: tuple[str, ...]
    is_verified: bool
    website: str = ""
    country: str = "US"


@dataclass(frozen=True)
class DemoStaff:
    email: str
    full_name: str
    language: str
    time_zone: str


STAFF = DemoStaff(email=STAFF_EMAIL, full_name="Carmen Villalba", language="en", time_zone="Europe/Madrid")

# Colour names as the artisans write them, and the colour each is drawn in.
COLOURS: dict[str, RGB] = {
    # Spanish
    "blanco estaño": (241, 236, 222), "azul cobalto": (28, 62, 150), "amarillo": (224, 176, 38),
    "naranja": (212, 108, 36), "verde cobre": (36, 118, 78), "ocre": (188, 138, 58),
    "manganeso": (84, 52, 40), "negro pavonado": (32, 32, 36), "oro": (212, 175, 55),
    "plata": (200, 200, 206), "asta de ciervo": (146, 118, 88), "olivo": (166, 132, 82),
    "boj": (222, 192, 132), "acero": (198, 204, 212), "latón": (200, 165, 80),
    "esparto natural": (208, 182, 122), "rojo granada": (158, 38, 50), "añil": (42, 52, 112),
    "lino crudo": (228, 218, 196), "rojo": (178, 32, 40), "negro": (32, 30, 30),
    "mimbre canela": (182, 132, 80), "mimbre blanco": (226, 206, 160), "rojo azafrán": (182, 40, 30),
    "morado": (108, 58, 128), "dorado": (212, 172, 60), "blanco": (246, 244, 238), "marfil": (240, 232, 210),
    "verde": (60, 120, 70), "azul": (50, 90, 170),
    # French
    "bleu de Fès": (24, 58, 160), "blanc": (246, 243, 236), "vert": (40, 120, 72),
    "jaune safran": (230, 170, 30), "vert émeraude": (20, 128, 92), "miel": (200, 140, 52),
    "noir": (30, 30, 30), "bleu": (40, 82, 170), "fauve": (176, 112, 60), "cognac": (150, 80, 40),
    "brun": (102, 62, 40), "rouge garance": (168, 40, 40), "orange safran": (222, 120, 40),
    "écru": (236, 226, 204), "cuivre": (186, 112, 52), "laiton": (204, 168, 82),
    "argent": (204, 204, 210), "citronnier": (230, 210, 150), "ébène": (44, 32, 26),
    "ambre": (200, 128, 30), "doré": (212, 175, 55), "bordeaux": (118, 22, 40),
    "vert olive": (110, 118, 60), "thuya": (170, 96, 46), "rose": (214, 120, 140),
    "beige": (224, 206, 176), "rouge": (180, 34, 42), "indigo": (40, 50, 120), "turquoise": (40, 150, 160),
    # English
    "saffron yellow": (232, 176, 32), "natural tan": (200, 150, 100), "red": (180, 32, 40),
    "black": (30, 30, 30), "gold": (212, 175, 55), "fuchsia": (200, 40, 120), "green": (40, 120, 70),
    "cream": (240, 230, 205), "tan": (196, 146, 96),
    # Arabic
    "أزرق": (30, 70, 160), "أخضر": (32, 120, 72), "بني": (112, 70, 40), "أبيض": (242, 240, 232),
    "أصفر": (222, 170, 40), "أحمر": (172, 32, 40), "بنفسجي": (102, 50, 122), "أسود": (30, 30, 30),
    "عاجي": (240, 232, 210), "برتقالي": (220, 120, 40), "أخضر معدني": (40, 110, 92), "رمادي": (140, 140, 140),
}


def _email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


P = DemoProduct
CLM = "Artesanía de Castilla-La Mancha"
MAROC = "Label Maroc Artisanat"

ARTISANS: tuple[DemoArtisan, ...] = (
    # --- Castilla-La Mancha ------------------------------------------------------------------
    DemoArtisan(
        slug="alfareria-hermanos-prieto", email=_email("lucia.prieto"), full_name="Lucía Prieto",
        business_name="Alfarería Hermanos Prieto", kind="workshop", crafts=("ceramics",),
        country="ES", region="Toledo, Castilla-La Mancha", city="Talavera de la Reina", language="es",
        languages_spoken=("es", "en"), year_founded=1962, team_size=7,
        story=(
            "Nuestro abuelo Julián abrió el taller en 1962 en la calle de los alfareros de Talavera, a un paso del Tajo. "
            "Hoy lo llevamos Lucía y Andrés, la tercera generación, con cinco pintoras que siguen decorando cada pieza a mano "
            "con pincel de pelo de burro y los colores de siempre: azul cobalto, amarillo, naranja de antimonio y verde cobre. "
            "Trabajamos la loza estannífera con doble cocción y mantenemos las series «de golondrinas» y «de helechos» tal como "
            "se pintaban en el siglo XVII. Desde que la UNESCO reconoció en 2019 la cerámica de Talavera como patrimonio "
            "inmaterial, diseñamos también piezas pequeñas pensadas para tiendas de museo."
        ),
        exported_before=True, export_markets="Francia, México, Japón", monthly_capacity=400, lead_time_days=45,
        min_order_value="600", currency="EUR", incoterms=("EXW", "FCA", "DAP"),
        payment_terms="50 % al confirmar el pedido y 50 % antes del envío",
        certifications=(CLM, "Marca de garantía Cerámica de Talavera"),
        website="https://alfareria-prieto.example", instagram="https://instagram.com/alfareria.prieto.example",
        products=(
            P("Plato llano «Golondrinas» 28 cm",
              "Plato de loza estannífera pintado a mano con la orla de golondrinas que los alfareros de Talavera repiten desde el siglo XVII. Apto para uso alimentario y lavavajillas a baja temperatura.",
              "plate", ("blanco estaño", "azul cobalto", "amarillo", "naranja"), ("loza", "esmalte estannífero"),
              ("pintado a mano", "doble cocción"), (28, 3, 28), "0.90", "24.00", "59.00", 12, 45, 120),
            P("Jarrón de bola serie «Helechos»",
              "Jarrón torneado de cuerpo redondo con helechos pintados en azul cobalto y verde cobre. Cada pieza lleva la firma de la pintora en la base.",
              "vase", ("blanco estaño", "azul cobalto", "verde cobre"), ("loza", "esmalte estannífero"),
              ("torneado", "pintado a mano"), (18, 24, 18), "1.40", "42.00", "98.00", 6, 50, 40),
            P("Azulejo «Rosa de Talavera» 15 × 15 cm",
              "Azulejo decorativo con la rosa de cuatro pétalos de los zócalos toledanos, pintado a mano sobre bizcocho de arcilla local. Se entrega con colgador de pared.",
              "tile", ("blanco estaño", "azul cobalto", "amarillo", "naranja"), ("arcilla", "esmalte estannífero"),
              ("pintado a mano", "trepa"), (15, 15, 1), "0.35", "6.50", "16.00", 48, 30, 600),
            P("Frutero con orla de golondrinas",
              "Cuenco hondo para fruta o pan, con cenefa de triángulos y estrella central. Una pieza de uso diario que lleva la decoración clásica de Talavera a la mesa.",
              "bowl", ("blanco estaño", "azul cobalto", "amarillo"), ("loza", "esmalte estannífero"),
              ("torneado", "pintado a mano"), (24, 10, 24), "0.80", "19.00", "45.00", 12, 45, 90),
            P("Albarelo de farmacia con tapa",
              "Bote de botica inspirado en los albarelos del Hospital de Tavera, con cartela para escribir el contenido. Pieza en pruebas: estamos ajustando el esmalte de la tapa.",
              "vase", ("blanco estaño", "azul cobalto", "naranja"), ("loza", "esmalte estannífero"),
              ("torneado", "pintado a mano"), (12, 20, 12), "0.70", "28.00", "69.00", 6, 60, 30, draft=True),
        ),
    ),
    DemoArtisan(
        slug="ceramica-el-puente-verde", email=_email("tomas.sanchez"), full_name="Tomás Sánchez Garrido",
        business_name="Cerámica El Puente Verde", kind="individual", crafts=("ceramics",),
        country="ES", region="Toledo, Castilla-La Mancha", city="El Puente del Arzobispo", language="es",
        languages_spoken=("es",), year_founded=1985, team_size=4,
        story=(
            "En El Puente del Arzobispo el color de la casa es el verde: el óxido de cobre que se vuelve verde botella sobre el blanco del estaño. "
            "Mi padre abrió el taller en 1985 y yo aprendí con él a pintar los motivos del pueblo, el pájaro, el ciervo entre pinos y la flor de cuatro pétalos. "
            "Torneamos barro de la comarca de La Jara y cocemos en horno de leña una vez al mes, por eso cada hornada tiene un tono un poco distinto. "
            "Somos cuatro personas y preferimos series cortas: un pedido de sesenta piezas lo entregamos en cinco semanas."
        ),
        exported_before=False, export_markets="", monthly_capacity=150, lead_time_days=35,
        min_order_value="400", currency="EUR", incoterms=("EXW", "FCA"),
        payment_terms="Pago por adelantado; a partir del segundo pedido, 30 días",
        certifications=(CLM,),
        products=(
            P("Plato de pared «Ciervo entre pinos» 32 cm",
              "Plato decorativo con el ciervo entre pinos, el motivo más antiguo de El Puente, pintado en verde cobre y manganeso. Lleva dos orificios en el anillo para colgarlo.",
              "plate", ("blanco estaño", "verde cobre", "ocre", "manganeso"), ("barro de La Jara", "esmalte estannífero"),
              ("pintado a mano", "cocción en horno de leña"), (32, 4, 32), "1.30", "36.00", "85.00", 6, 35, 40),
            P("Cuenco de sopa «Pájaro verde»",
              "Cuenco con asas pequeñas y el pájaro verde en el fondo, perfecto para sopas y gazpachos. Resistente al microondas.",
              "bowl", ("blanco estaño", "verde cobre", "ocre"), ("barro de La Jara", "esmalte estannífero"),
              ("torneado", "pintado a mano"), (16, 8, 16), "0.45", "11.00", "27.00", 12, 35, 120),
            P("Cántaro de agua de dos asas",
              "Cántaro tradicional de la comarca, torneado en una sola pieza y decorado con bandas verdes. Mantiene el agua fresca gracias al bizcocho poroso del interior.",
              "vase", ("blanco estaño", "verde cobre", "manganeso"), ("barro de La Jara",),
              ("torneado", "pintado a mano", "cocción en horno de leña"), (26, 38, 26), "2.80", "58.00", "135.00", 4, 45, 20),
            P("Plato «Flor de cuatro pétalos» 22 cm",
              "Plato de postre con la flor de cuatro pétalos en verde y ocre. Se vende en cajas de seis piezas iguales o surtidas.",
              "plate", ("blanco estaño", "verde cobre", "ocre", "manganeso"), ("barro de La Jara", "esmalte estannífero"),
              ("pintado a mano",), (22, 2.5, 22), "0.55", "14.00", "34.00", 12, 35, 150),
            P("Jarra de vino con pico",
              "Jarra de un litro con pico pellizcado y asa de cinta, decorada con ramas de pino. La usamos en casa para el vino de la tierra.",
              "vase", ("blanco estaño", "verde cobre", "ocre"), ("barro de La Jara", "esmalte estannífero"),
              ("torneado", "pintado a mano"), (14, 22, 14), "0.95", "21.00", "49.00", 6, 35, 60),
        ),
    ),
    DemoArtisan(
        slug="damasquinados-del-tajo", email=_email("javier.martin"), full_name="Javier Martín Ortega",
        business_name="Damasquinados del Tajo", kind="workshop", crafts=("metal", "jewellery"),
        country="ES", region="Toledo, Castilla-La Mancha", city="Toledo", language="es",
        languages_spoken=("es", "en", "fr"), year_founded=1974, team_size=5,
        story=(
            "El damasquinado toledano consiste en incrustar hilo de oro de 24 quilates y de plata sobre acero picado, a golpe de cincel, y pavonar después el fondo hasta dejarlo negro. "
            "En nuestro taller, a dos calles de la catedral, lo hacemos igual que hace cincuenta años: sin máquinas, con un martillo pequeño y mucha paciencia, unas ocho horas para un broche mediano. "
            "Mi madre, Rosario, sigue dibujando los motivos renacentistas y mudéjares, y yo me ocupo de las formas nuevas: gemelos, marcapáginas y cajitas pensadas para tiendas de museo. "
            "Cada pieza lleva el punzón del taller y se entrega con certificado de autenticidad."
        ),
        exported_before=True, export_markets="Estados Unidos, Italia, Reino Unido", monthly_capacity=300, lead_time_days=30,
        min_order_value="500", currency="EUR", incoterms=("EXW", "DAP", "DDP"),
        payment_terms="30 % al confirmar, resto contra documentos de envío",
        certifications=(CLM,), website="https://damasquinados-tajo.example",
        products=(
            P("Broche ovalado damasquinado en oro de 24 quilates",
              "Broche de acero pavonado con roseta central y espirales de oro fino incrustadas a mano. Cierre de seguridad y estuche de regalo.",
              "damascene", ("negro pavonado", "oro", "plata"), ("acero", "oro de 24 quilates", "plata"),
              ("damasquinado a mano", "pavonado"), (4, 5.5, 0.4), "0.02", "18.00", "45.00", 24, 30, 120, craft="jewellery"),
            P("Joyero damasquinado con motivo mudéjar",
              "Cajita de acero con la tapa damasquinada con lacería mudéjar en oro y plata; interior forrado de terciopelo granate.",
              "box", ("negro pavonado", "oro", "plata"), ("acero", "oro de 24 quilates", "terciopelo"),
              ("damasquinado a mano", "pavonado"), (8, 4, 6), "0.18", "65.00", "150.00", 6, 40, 30),
            P("Marcapáginas de acero damasquinado",
              "Marcapáginas fino con cenefa de hojas de acanto en oro. Un regalo ligero que viaja bien en sobre.",
              "damascene", ("negro pavonado", "oro", "plata"), ("acero", "oro de 24 quilates"),
              ("damasquinado a mano",), (3, 12, 0.1), "0.01", "9.00", "24.00", 48, 21, 250),
            P("Gemelos damasquinados «Rosetón»",
              "Pareja de gemelos redondos con el rosetón de la catedral de Toledo en oro y plata sobre fondo negro.",
              "damascene", ("negro pavonado", "oro", "plata"), ("acero", "oro de 24 quilates", "plata"),
              ("damasquinado a mano", "pavonado"), (1.8, 1.8, 0.5), "0.03", "22.00", "55.00", 12, 30, 100, craft="jewellery"),
            P("Plato decorativo damasquinado 20 cm",
              "Plato de pared con una estrella de ocho puntas rodeada de arabescos, trabajo de unas treinta horas. Pieza en revisión de precio.",
              "damascene", ("negro pavonado", "oro", "plata"), ("acero", "oro de 24 quilates", "plata"),
              ("damasquinado a mano", "pavonado"), (20, 20, 1), "0.45", "85.00", "195.00", 2, 60, 8, draft=True),
        ),
    ),
    DemoArtisan(
        slug="cuchilleria-vega-albacete", email=_email("antonio.vega"), full_name="Antonio Vega Cerdán",
        business_name="Cuchillería Artesana Vega", kind="workshop", crafts=("cutlery",),
        country="ES", region="Albacete, Castilla-La Mancha", city="Albacete", language="es",
        languages_spoken=("es", "en"), year_founded=1958, team_size=6,
        story=(
            "Albacete hace navajas desde el siglo XVI y nuestro taller lleva tres generaciones en el barrio de la Feria. "
            "Forjamos las hojas en acero inoxidable y en acero al carbono, las templamos nosotros mismos y montamos a mano las cachas de asta de ciervo, boj y olivo de La Mancha. "
            "Cada navaja pasa por unas cuarenta operaciones y por las manos de cuatro personas antes de recibir el grabado con el nombre del taller. "
            "Para tiendas de museo hacemos la navaja clásica de muelle con carraca, que suena al abrirla como las de nuestros abuelos, y preparamos la documentación de importación de cuchillería a Estados Unidos."
        ),
        exported_before=True, export_markets="Estados Unidos, Alemania, Canadá", monthly_capacity=350, lead_time_days=40,
        min_order_value="800", currency="EUR", incoterms=("EXW", "FCA", "DAP"),
        payment_terms="Transferencia a 30 días desde la factura (clientes verificados)",
        certifications=(CLM, "Sello Cuchillería de Albacete"),
        products=(
            P("Navaja clásica de carraca con cachas de asta",
              "Navaja de muelle con carraca, hoja de 9 cm en acero inoxidable y cachas de asta de ciervo con virolas de latón. Se entrega con funda de cuero.",
              "knife", ("asta de ciervo", "latón", "acero"), ("acero inoxidable", "asta de ciervo", "latón"),
              ("forja", "temple", "montaje a mano"), (21, 3, 1.5), "0.12", "38.00", "89.00", 12, 40, 80),
            P("Navaja de bolsillo de olivo 8 cm",
              "Navaja ligera de bloqueo por muelle con cachas de madera de olivo de La Mancha, cada una con una veta distinta.",
              "knife", ("olivo", "acero", "latón"), ("acero inoxidable", "madera de olivo"),
              ("montaje a mano", "pulido"), (18, 2.5, 1.2), "0.08", "24.00", "55.00", 12, 30, 120),
            P("Juego de 6 cuchillos de mesa con mango de boj",
              "Cuchillos de mesa con hoja dentada fina y mango de boj torneado, en caja de madera. Aptos para carne y quesos curados.",
              "knife", ("boj", "acero", "latón"), ("acero inoxidable", "madera de boj"),
              ("forja", "afilado a mano"), (23, 2, 2), "0.55", "72.00", "165.00", 6, 45, 40),
            P("Navaja «Pastora» de hoja curva",
              "Reproducción de la navaja que usaban los pastores de la sierra de Alcaraz: hoja curva en acero al carbono y cachas de asta.",
              "knife", ("asta de ciervo", "acero", "latón"), ("acero al carbono", "asta de ciervo"),
              ("forja", "temple", "montaje a mano"), (22, 3.5, 1.6), "0.14", "30.00", "72.00", 12, 40, 60),
            P("Cuchillo para queso manchego con mango de olivo",
              "Cuchillo de hoja ancha con dos puntas para cortar y servir queso manchego curado, con mango de olivo.",
              "knife", ("olivo", "acero", "latón"), ("acero inoxidable", "madera de olivo"),
              ("forja", "afilado a mano"), (25, 3, 1.5), "0.11", "19.00", "45.00", 12, 30, 150),
        ),
    ),
    DemoArtisan(
        slug="esparto-vivo", email=_email("mercedes.lopez"), full_name="Mercedes López Tomás",
        business_name="Esparto Vivo", kind="workshop", crafts=("basketry",),
        country="ES", region="Albacete, Castilla-La Mancha", city="Hellín", language="es",
        languages_spoken=("es", "fr"), year_founded=2008, team_size=3,
        story=(
            "El esparto se arranca a mano en agosto en los montes de Hellín, se seca al sol y, para las piezas más finas, se cuece y se machaca como hacían nuestras abuelas. "
            "En Esparto Vivo somos tres mujeres que recuperamos la pleita, la trenza plana que se cose en espiral para hacer capazos, serones y esteras. "
            "Combinamos el color natural de la fibra con esparto teñido con tintes vegetales de granada, añil y rubia. "
            "Es una fibra biodegradable que no necesita riego ni tratamientos, y eso interesa cada vez más a las tiendas que nos compran en Francia y Alemania."
        ),
        exported_before=True, export_markets="Francia, Alemania", monthly_capacity=120, lead_time_days=40,
        min_order_value="300", currency="EUR", incoterms=("EXW", "DAP"),
        payment_terms="50 % por adelantado, 50 % antes del envío",
        certifications=(CLM,), instagram="https://instagram.com/espartovivo.example",
        products=(
            P("Capazo de pleita con asas de cuero",
              "Capazo grande de pleita de esparto cosida a mano, con asas de cuero curtido vegetal. Sirve para el mercado o la playa.",
              "basket", ("esparto natural", "rojo granada"), ("esparto", "cuero"),
              ("pleita", "cosido a mano"), (45, 35, 18), "0.70", "28.00", "65.00", 6, 40, 40),
            P("Panera redonda de esparto",
              "Panera baja de pleita fina con una vuelta teñida de añil. Ligera, firme y lavable con un paño húmedo.",
              "basket", ("esparto natural", "añil"), ("esparto",),
              ("pleita", "tinte vegetal"), (26, 10, 26), "0.25", "14.00", "34.00", 12, 30, 80),
            P("Estera redonda de pleita 60 cm",
              "Estera para suelo o pared cosida en espiral con pleita de nueve ramales. Cada una lleva unas doce horas de trabajo.",
              "plate", ("esparto natural", "rojo granada", "añil"), ("esparto",),
              ("pleita", "cosido en espiral"), (60, 1, 60), "0.90", "38.00", "90.00", 4, 45, 20),
            P("Serón pequeño de dos bolsillos",
              "Versión reducida del serón de las caballerías, pensada como organizador de pared o revistero.",
              "basket", ("esparto natural", "rojo granada"), ("esparto", "cuerda de cáñamo"),
              ("pleita", "cosido a mano"), (40, 30, 12), "0.60", "26.00", "60.00", 6, 40, 30),
            P("Juego de 4 salvamanteles de esparto",
              "Salvamanteles redondos de pleita fina, resistentes al calor. Se venden en juegos de cuatro con una cinta de algodón.",
              "plate", ("esparto natural", "añil", "rojo granada"), ("esparto", "algodón"),
              ("pleita", "cosido en espiral"), (20, 1, 20), "0.30", "16.00", "38.00", 12, 30, 100),
        ),
    ),
    DemoArtisan(
        slug="labores-lagarteranas", email=_email("pilar.gomez"), full_name="Pilar Gómez Alía",
        business_name="Labores Lagarteranas Pilar Gómez", kind="workshop", crafts=("textiles",),
        country="ES", region="Toledo, Castilla-La Mancha", city="Lagartera", language="es",
        languages_spoken=("es",), year_founded=1979, team_size=9,
        story=(
            "En Lagartera las mujeres bordan desde hace siglos con hilo de seda y de algodón sobre lino, y cada casa guarda sus dechados, los muestrarios donde se copiaban los puntos. "
            "Mi madre empezó a vender las labores del pueblo en 1979 y hoy coordinamos a nueve bordadoras que trabajan en sus casas y cobran cada pieza terminada a un precio acordado con ellas. "
            "Usamos el punto lagarterano, el deshilado y los calados geométricos, casi siempre en rojo, negro y ocre sobre lino crudo. "
            "Un mantel grande puede llevar tres meses de trabajo; por eso para tiendas proponemos también piezas pequeñas: servilletas, saquitos de lavanda y marcapáginas bordados."
        ),
        exported_before=False, export_markets="", monthly_capacity=60, lead_time_days=75,
        min_order_value="500", currency="EUR", incoterms=("EXW", "DAP"),
        payment_terms="40 % al confirmar el pedido, resto a la entrega",
        certifications=(CLM,),
        products=(
            P("Mantel de lino bordado en punto lagarterano 160 × 160 cm",
              "Mantel de lino crudo con cenefas de pájaros y árboles de la vida bordadas en seda roja y negra. Unas trescientas horas de trabajo de una sola bordadora.",
              "cloth", ("lino crudo", "rojo", "negro", "ocre"), ("lino", "seda"),
              ("punto lagarterano", "deshilado"), (160, None, 160), "0.80", "180.00", "420.00", 1, 90, 3),
            P("Juego de 6 servilletas con deshilado",
              "Servilletas de lino con vainica y deshilado en las cuatro esquinas, bordadas en rojo.",
              "cloth", ("lino crudo", "rojo", "negro"), ("lino", "algodón"),
              ("deshilado", "vainica"), (40, None, 40), "0.35", "54.00", "130.00", 4, 60, 15),
            P("Camino de mesa con cenefa de pájaros",
              "Camino de mesa estrecho con la cenefa de pájaros afrontados típica de los dechados de Lagartera.",
              "cloth", ("lino crudo", "rojo", "negro", "ocre"), ("lino", "seda"),
              ("punto lagarterano",), (35, None, 140), "0.30", "65.00", "150.00", 3, 60, 10),
            P("Saquitos de lavanda bordados (lote de 3)",
              "Saquitos de lino rellenos de lavanda de la Alcarria, con un motivo de estrella en punto de cruz.",
              "cloth", ("lino crudo", "rojo", "ocre"), ("lino", "lavanda"),
              ("punto de cruz",), (10, None, 14), "0.10", "12.00", "29.00", 24, 30, 80),
            P("Marcapáginas bordado en punto de cruz",
              "Tira de lino bordada con la greca lagarterana y rematada con borla de seda.",
              "cloth", ("lino crudo", "rojo", "negro"), ("lino", "seda"),
              ("punto de cruz",), (5, None, 20), "0.02", "6.00", "15.00", 24, 30, 120),
        ),
    ),
    DemoArtisan(
        slug="mimbres-del-alto-tajo", email=_email("raul.herraiz"), full_name="Raúl Herráiz Moya",
        business_name="Mimbres del Alto Tajo", kind="workshop", crafts=("basketry", "woodwork"),
        country="ES", region="Cuenca, Castilla-La Mancha", city="Priego", language="es",
        languages_spoken=("es", "en"), year_founded=1991, team_size=5,
        story=(
            "Priego, en la Serranía de Cuenca, vive del mimbre desde que se plantaron las primeras mimbreras en la vega del río Escabas. "
            "Cultivamos nuestro propio mimbre, lo cortamos en invierno, lo cocemos para que tome ese color canela y lo pelamos a mano. "
            "Tejemos cestos de vendimia, baúles y lámparas con la misma técnica de varas y cordones que aprendimos de los cesteros del pueblo. "
            "No usamos barnices sintéticos, solo aceite de linaza, y cada invierno volvemos a plantar las varas que cortamos."
        ),
        exported_before=True, export_markets="Países Bajos, Bélgica", monthly_capacity=100, lead_time_days=45,
        min_order_value="450", currency="EUR", incoterms=("EXW", "FCA"),
        payment_terms="50 % por adelantado, 50 % antes del envío",
        certifications=(CLM,),
        products=(
            P("Cesto de vendimia con asa",
              "Cesto redondo de mimbre cocido con asa de vara doble, el de la vendimia de toda la vida, hoy también para la leña o la ropa.",
              "basket", ("mimbre canela", "mimbre blanco"), ("mimbre",),
              ("cestería de varas", "cocido de mimbre"), (40, 38, 40), "0.90", "34.00", "79.00", 4, 45, 30),
            P("Baúl de mimbre con tapa",
              "Baúl rectangular con tapa de bisagra de cuero, tejido en mimbre blanco y canela.",
              "box", ("mimbre canela", "mimbre blanco", "negro"), ("mimbre", "cuero"),
              ("cestería de varas",), (60, 40, 40), "3.50", "95.00", "220.00", 2, 60, 8),
            P("Lámpara de techo de mimbre",
              "Pantalla calada de mimbre que proyecta una luz tamizada; se entrega con florón y cable textil.",
              "lantern", ("mimbre canela", "amarillo"), ("mimbre", "algodón"),
              ("cestería calada",), (45, 30, 45), "0.80", "48.00", "115.00", 4, 45, 20),
            P("Cesta de picnic forrada",
              "Cesta rectangular con dos tapas, forrada de algodón a cuadros. Cabe un servicio para cuatro personas.",
              "basket", ("mimbre blanco", "rojo"), ("mimbre", "algodón"),
              ("cestería de varas", "costura"), (45, 25, 30), "1.60", "52.00", "120.00", 3, 45, 15),
            P("Panera ovalada de mimbre",
              "Panera baja de mimbre pelado con borde trenzado, pensada para servir pan o fruta.",
              "basket", ("mimbre blanco", "mimbre canela"), ("mimbre",),
              ("cestería de varas", "trenzado"), (32, 10, 22), "0.35", "15.00", "36.00", 12, 30, 60),
        ),
    ),
    DemoArtisan(
        slug="azafranes-molino-alto", email=_email("elena.diaz"), full_name="Elena Díaz Mora",
        business_name="Azafranes Molino Alto", kind="sme", crafts=("terroir",),
        country="ES", region="Toledo, Castilla-La Mancha", city="Consuegra", language="es",
        languages_spoken=("es", "en"), year_founded=1996, team_size=4,
        story=(
            "Cada otoño, durante tres semanas, la rosa del azafrán florece al amanecer en los campos al pie de los molinos de Consuegra, y hay que cogerla antes de que se abra del todo. "
            "La monda, separar a mano los tres estigmas rojos de cada flor, la hacemos en la mesa de la cocina, toda la familia junta, como se ha hecho siempre en La Mancha. "
            "Después tostamos los estigmas sobre brasas suaves en cedazos de seda. "
            "Hacen falta unas ciento cincuenta mil flores para un kilo; por eso vendemos nuestro azafrán con Denominación de Origen en latas pequeñas decoradas, pensadas como recuerdo de la tierra."
        ),
        exported_before=True, export_markets="Estados Unidos, Emiratos Árabes Unidos, Suiza", monthly_capacity=2000, lead_time_days=15,
        min_order_value="400", currency="EUR", incoterms=("EXW", "FCA", "DAP"),
        payment_terms="Transferencia antes del envío",
        certifications=("DOP Azafrán de La Mancha", "Agricultura ecológica (UE)"),
        website="https://molinoalto.example",
        products=(
            P("Lata de azafrán en hebra 1 g «Molinos»",
              "Un gramo de azafrán en hebra con DOP Azafrán de La Mancha, en lata ilustrada con los molinos de Consuegra. Cosecha del año.",
              "jar", ("rojo azafrán", "rojo", "dorado"), ("azafrán", "hojalata"),
              ("monda a mano", "tostado sobre brasas"), (5, 6, 5), "0.03", "6.50", "16.00", 50, 15, 1000),
            P("Lata de azafrán en hebra 2 g",
              "Dos gramos de azafrán en hebra, suficiente para diez paellas, con una receta impresa en el interior de la tapa.",
              "jar", ("rojo azafrán", "azul", "dorado"), ("azafrán", "hojalata"),
              ("monda a mano", "tostado sobre brasas"), (6, 7, 6), "0.05", "11.00", "26.00", 50, 15, 600),
            P("Estuche regalo: azafrán y recetario ilustrado",
              "Estuche de cartón con una lata de 1 g y un recetario de cocina manchega en español e inglés.",
              "box", ("blanco", "rojo azafrán", "dorado"), ("azafrán", "cartón reciclado", "papel"),
              ("monda a mano",), (16, 4, 11), "0.15", "14.00", "35.00", 24, 20, 300),
            P("Miel de romero con azafrán 250 g",
              "Miel de romero de la sierra de Consuegra con hebras de azafrán, en tarro de vidrio con tapa de lata.",
              "jar", ("dorado", "rojo", "rojo azafrán"), ("miel de romero", "azafrán", "vidrio"),
              ("infusión en frío",), (7, 9, 7), "0.40", "7.50", "18.00", 24, 15, 400),
            P("Expositor de mostrador con 12 latas",
              "Caja expositora de madera con doce latas de 1 g, lista para el mostrador de la tienda.",
              "box", ("marfil", "rojo azafrán", "dorado"), ("azafrán", "madera de pino", "hojalata"),
              ("monda a mano",), (30, 8, 20), "0.60", "70.00", "168.00", 2, 20, 60),
        ),
    ),
    DemoArtisan(
        slug="blondas-y-encajes-calatrava", email=_email("encarna.ruiz"), full_name="Encarnación Ruiz Peco",
        business_name="Blondas y Encajes Calatrava", kind="cooperative", crafts=("textiles",),
        country="ES", region="Ciudad Real, Castilla-La Mancha", city="Almagro", language="es",
        languages_spoken=("es",), year_founded=2002, team_size=7,
        story=(
            "Almagro es la capital del encaje de bolillos y en verano todavía se ven en las puertas de las casas mujeres con la almohadilla sobre las rodillas, moviendo los bolillos a una velocidad que asombra. "
            "Nuestra asociación nació en 2002 para que ese trabajo se pagara como merece: hoy somos seis encajeras y una diseñadora. "
            "Hacemos blondas, tapetes, puntillas y pendientes de encaje endurecido, con hilo de lino y de algodón egipcio. "
            "Un tapete de treinta centímetros lleva unas cuarenta horas de trabajo, y cada uno lleva una etiqueta con el nombre de la encajera."
        ),
        exported_before=False, export_markets="", monthly_capacity=40, lead_time_days=60,
        min_order_value="350", currency="EUR", incoterms=("EXW",),
        payment_terms="50 % al confirmar el pedido, 50 % antes del envío",
        certifications=(CLM,), status="pending",
        products=(
            P("Tapete redondo de bolillos 30 cm",
              "Tapete de hilo de lino blanco con rueda central y ondas de punto de Almagro. Unas cuarenta horas de trabajo.",
              "lace", ("blanco", "marfil"), ("hilo de lino",), ("encaje de bolillos",), (30, None, 30), "0.04", "48.00", "115.00", 2, 60, 6),
            P("Pendientes de encaje de bolillos endurecido",
              "Pendientes ligeros de encaje almidonado y endurecido, con ganchos de plata de ley.",
              "lace", ("negro", "dorado"), ("hilo de algodón", "plata de ley"), ("encaje de bolillos", "endurecido"),
              (3.5, 5, 0.3), "0.01", "16.00", "39.00", 12, 30, 40, craft="jewellery"),
            P("Puntilla de lino para ajuar (por metro)",
              "Puntilla de cinco centímetros de ancho para sábanas y toallas, vendida por metros.",
              "cloth", ("marfil", "blanco", "ocre"), ("hilo de lino",), ("encaje de bolillos",), (5, None, 100), "0.02", "14.00", "32.00", 10, 45, 60),
            P("Abanico con país de encaje",
              "Abanico de varillas de peral con país de encaje de bolillos negro. Pieza de lujo para tiendas de museo.",
              "lace", ("negro", "marfil"), ("hilo de seda", "madera de peral"), ("encaje de bolillos",),
              (42, 23, 2), "0.06", "75.00", "180.00", 2, 75, 4),
        ),
    ),
    DemoArtisan(
        slug="decoraciones-ceramicas-tajo-express", email=_email("oscar.molina"), full_name="Óscar Molina Vidal",
        business_name="Decoraciones Cerámicas Tajo Express", kind="sme", crafts=("ceramics",),
        country="ES", region="Toledo, Castilla-La Mancha", city="Talavera de la Reina", language="es",
        languages_spoken=("es", "en"), year_founded=2016, team_size=12,
        story=(
            "Fabricamos azulejos decorados y placas de cerámica personalizadas para restaurantes, hoteles y regalos de empresa. "
            "Gracias a nuestra impresora cerámica digital reproducimos cualquier diseño de estilo Talavera en 48 horas y en grandes cantidades. "
            "Enviamos a toda Europa desde nuestra nave del polígono industrial."
        ),
        exported_before=True, export_markets="Portugal, Francia", monthly_capacity=20000, lead_time_days=7,
        min_order_value="1000", currency="EUR", incoterms=("EXW", "DAP"),
        payment_terms="Pago por adelantado", certifications=(),
        status="rejected",
        rejection_reason=(
            "Gracias por presentar vuestra solicitud. El programa de tiendas de museo admite solo piezas hechas y decoradas a mano, "
            "y las fotos y la descripción muestran azulejos de impresión digital. Si tenéis una línea pintada a mano, podéis volver "
            "a presentar la solicitud con fotos de esas piezas y del proceso en el taller."
        ),
        products=(
            P("Azulejo impreso estilo Talavera 20 × 20 cm",
              "Azulejo con diseño de estilo Talavera impreso en digital, disponible en 40 modelos.",
              "tile", ("blanco", "azul", "amarillo"), ("gres",), ("impresión digital",), (20, 20, 0.8), "0.50", "2.10", "6.00", 500, 7, 20000, draft=True),
            P("Placa de número para fachada",
              "Placa personalizada con número y nombre de la casa, impresa en digital y horneada.",
              "tile", ("blanco", "azul", "verde"), ("gres",), ("impresión digital",), (15, 15, 0.8), "0.30", "3.50", "12.00", 100, 7, 5000, draft=True),
        ),
    ),
    # --- Morocco ----------------------------------------------------------------------------
    DemoArtisan(
        slug="atelier-fakhar-fes", email=_email("karim.bennani"), full_name="Karim Bennani",
        business_name="Atelier Fakhar Bleu de Fès", kind="workshop", crafts=("ceramics",),
        country="MA", region="Fès-Meknès", city="Fès", language="fr",
        languages_spoken=("ar", "fr", "en"), year_founded=1988, team_size=9,
        story=(
            "Notre atelier se trouve à Aïn Nokbi, le quartier des potiers de Fès, où l'on tourne encore l'argile grise des collines de la ville. "
            "Mon père, maâlem Abdellatif, m'a transmis le bleu de Fès, ce bleu de cobalt posé au pinceau sur un émail blanc, et les motifs géométriques et floraux que l'on retrouve sur les fontaines de la médina. "
            "Nous sommes neuf : trois tourneurs, quatre peintres et deux personnes à l'émaillage et à la cuisson. "
            "Depuis l'abandon des vieux fours à bois, nous cuisons au gaz, ce qui nous permet de garantir des émaux sans plomb, conformes aux normes américaines pour le contact alimentaire."
        ),
        exported_before=True, export_markets="France, Espagne, Canada", monthly_capacity=500, lead_time_days=45,
        min_order_value="700", currency="EUR", incoterms=("EXW", "FOB", "CIF"),
        payment_terms="30 % à la commande, 70 % avant l'expédition",
        certifications=(MAROC,), website="https://fakhar-fes.example",
        interface_language="fr",
        products=(
            P("Assiette « Bleu de Fès » à étoile 27 cm",
              "Assiette plate peinte à la main d'une étoile à huit branches entourée de rinceaux, en bleu de cobalt sur émail blanc. Émail sans plomb, compatible lave-vaisselle.",
              "plate", ("blanc", "bleu de Fès", "bleu", "jaune safran"), ("argile de Fès", "émail sans plomb"),
              ("tournage", "peinture au pinceau"), (27, 3, 27), "0.85", "14.00", "36.00", 24, 45, 200),
            P("Bol à soupe peint à la main",
              "Bol profond à frise de triangles, la « chebka » des potiers de Fès. Se vend par six.",
              "bowl", ("blanc", "bleu de Fès", "vert"), ("argile de Fès", "émail sans plomb"),
              ("tournage", "peinture au pinceau"), (15, 7, 15), "0.40", "6.50", "17.00", 24, 40, 300),
            P("Tajine de service décoratif",
              "Tajine de présentation à couvercle conique, décoré de points et de frises bleu et vert. Pour le service, pas pour la cuisson sur le feu.",
              "tagine", ("blanc", "bleu de Fès", "vert"), ("argile de Fès", "émail sans plomb"),
              ("tournage", "peinture au pinceau"), (30, 28, 30), "2.20", "22.00", "58.00", 6, 45, 80),
            P("Vase « Khabia » à col étroit",
              "Vase à panse ronde inspiré des jarres à huile de la médina, décoré de losanges bleus.",
              "vase", ("blanc", "bleu de Fès", "jaune safran"), ("argile de Fès", "émail sans plomb"),
              ("tournage", "peinture au pinceau"), (20, 30, 20), "1.60", "18.00", "46.00", 6, 45, 60),
            P("Saladier à motifs floraux 30 cm",
              "Grand saladier peint de fleurs et de palmettes, assez lourd pour rester stable sur une table de service.",
              "bowl", ("blanc", "bleu de Fès", "vert", "jaune safran"), ("argile de Fès", "émail sans plomb"),
              ("tournage", "peinture au pinceau"), (30, 12, 30), "1.50", "19.00", "49.00", 6, 45, 70),
        ),
    ),
    DemoArtisan(
        slug="maalem-zellige-ain-nokbi", email=_email("hassan.elidrissi"), full_name="Hassan El Idrissi",
        business_name="Maâlem Zellige Aïn Nokbi", kind="workshop", crafts=("ceramics", "woodwork"),
        country="MA", region="Fès-Meknès", city="Fès", language="fr",
        languages_spoken=("ar", "fr"), year_founded=1979, team_size=14,
        story=(
            "Le zellige est une mosaïque de pièces d'argile émaillée taillées une à une au marteau, puis assemblées à l'envers selon un dessin que le maâlem garde en tête. "
            "Notre famille taille le zellige à Fès depuis quatre générations ; nous avons travaillé sur des fontaines, des riads et des mosquées, au Maroc et à l'étranger. "
            "Pour les boutiques, nous avons créé des objets que l'on peut emporter : dessous-de-plat, plateaux, miroirs et petites tables dont le plateau est un véritable panneau de zellige. "
            "Chaque étoile est taillée à la main, et les couleurs, vert, bleu, miel, blanc et noir, sont préparées dans notre atelier."
        ),
        exported_before=True, export_markets="France, Émirats arabes unis, États-Unis", monthly_capacity=150, lead_time_days=60,
        min_order_value="1000", currency="EUR", incoterms=("EXW", "FOB", "CIF", "DAP"),
        payment_terms="40 % à la commande, 60 % avant l'expédition",
        certifications=(MAROC,),
        products=(
            P("Dessous-de-plat en zellige, étoile à huit branches",
              "Carreau de 20 cm en zellige taillé main, monté sur une base de liège. Couleurs assorties ou sur demande.",
              "zellige", ("vert", "blanc", "bleu", "miel"), ("argile émaillée", "liège"),
              ("taille au marteau", "assemblage à l'envers"), (20, 2, 20), "0.90", "16.00", "42.00", 12, 45, 100),
            P("Table basse ronde à plateau de zellige 60 cm",
              "Table basse en fer forgé avec plateau en zellige noir et blanc, motif de rosace fassie.",
              "zellige", ("noir", "blanc", "vert émeraude"), ("argile émaillée", "fer forgé", "ciment"),
              ("taille au marteau", "ferronnerie"), (60, 45, 60), "22.00", "180.00", "450.00", 2, 75, 10, craft="ceramics"),
            P("Miroir encadré de zellige 50 × 50 cm",
              "Miroir carré dont le cadre de 8 cm est composé de petites étoiles de zellige bleu et blanc.",
              "zellige", ("bleu", "blanc", "noir"), ("argile émaillée", "miroir", "bois de cèdre"),
              ("taille au marteau", "assemblage à l'envers"), (50, 50, 3), "6.50", "85.00", "210.00", 2, 60, 15),
            P("Plateau de service en zellige et noyer",
              "Plateau rectangulaire en noyer avec un panneau de zellige miel et vert, poignées en laiton.",
              "zellige", ("miel", "vert", "blanc"), ("argile émaillée", "noyer", "laiton"),
              ("taille au marteau", "ébénisterie"), (45, 5, 30), "2.80", "48.00", "120.00", 4, 60, 30, craft="woodwork"),
            P("Panneau mural « Rosace de Fès » 40 × 40 cm",
              "Panneau à suspendre reproduisant une rosace de la médersa Attarine. En cours de mise au point.",
              "zellige", ("vert émeraude", "blanc", "noir", "miel"), ("argile émaillée", "ciment"),
              ("taille au marteau", "assemblage à l'envers"), (40, 40, 3), "7.00", "95.00", "240.00", 2, 75, 8, draft=True),
        ),
    ),
    DemoArtisan(
        slug="dar-al-fakhar-safi", email=_email("abdelkader.serghini"), full_name="عبد القادر السرغيني",
        business_name="Dar Al Fakhar Safi", kind="workshop", crafts=("ceramics",),
        country="MA", region="Marrakech-Safi", city="Safi", language="ar",
        languages_spoken=("ar", "fr"), year_founded=1971, team_size=11,
        story=(
            "تقع ورشتنا على تل الفخارين في آسفي، حيث يشتغل الحرفيون بالطين الأحمر المستخرج من ضفاف وادي الشعبة منذ قرون. "
            "تعلّم والدي الصنعة على يد أحد كبار معلمي المدينة، ونحن اليوم أحد عشر حرفيا بين الخراطة والتزيين والطهي. "
            "نشتهر بالخزف اللامع ذي اللون الأخضر المعدني والأزرق والبني، وبالزخارف التي ترسم باليد بفرشاة من شعر الماعز. "
            "نطهي القطع مرتين في فرن تقليدي، ونحرص على استعمال طلاءات خالية من الرصاص حتى تصلح للاستعمال اليومي."
        ),
        exported_before=True, export_markets="فرنسا، بلجيكا", monthly_capacity=600, lead_time_days=40,
        min_order_value="6000", currency="MAD", incoterms=("EXW", "FOB"),
        payment_terms="50% عند الطلب و50% قبل الشحن",
        certifications=(MAROC,), interface_language="ar",
        products=(
            P("طبق كبير مزخرف بالأزرق والأخضر 35 سم",
              "طبق تقديم كبير مرسوم باليد بنجمة ثمانية وزخارف نباتية، بطلاء خال من الرصاص.",
              "plate", ("أبيض", "أزرق", "أخضر معدني", "بني"), ("طين أحمر", "طلاء خال من الرصاص"),
              ("خراطة", "رسم باليد"), (35, 4, 35), "1.80", "220.00", "560.00", 6, 40, 80),
            P("طاجين آسفي للطهي",
              "طاجين من الطين الأحمر صالح للطهي على نار هادئة، بغطاء مزخرف بالأخضر.",
              "tagine", ("بني", "أخضر معدني", "أصفر"), ("طين أحمر",),
              ("خراطة", "طهي مزدوج"), (30, 26, 30), "2.40", "160.00", "420.00", 6, 40, 120),
            P("مزهرية بزخارف هندسية",
              "مزهرية متوسطة بعنق ضيق وأشرطة هندسية زرقاء وخضراء.",
              "vase", ("عاجي", "أزرق", "أخضر"), ("طين أحمر", "طلاء خال من الرصاص"),
              ("خراطة", "رسم باليد"), (18, 32, 18), "1.50", "180.00", "450.00", 6, 40, 60),
            P("زبدية بلون أخضر معدني",
              "زبدية للتقديم بلون أخضر لامع مميز لخزف آسفي، مع شريط من المثلثات.",
              "bowl", ("أخضر معدني", "أصفر", "بني"), ("طين أحمر", "طلاء خال من الرصاص"),
              ("خراطة", "طلاء لامع"), (22, 10, 22), "0.70", "90.00", "240.00", 12, 40, 150),
            P("إبريق ماء بمقبضين",
              "إبريق تقليدي لحفظ الماء باردا، مزخرف بخطوط بنية وزرقاء.",
              "vase", ("عاجي", "بني", "أزرق"), ("طين أحمر",),
              ("خراطة", "رسم باليد"), (20, 30, 20), "1.30", "130.00", "340.00", 6, 40, 70),
        ),
    ),
    DemoArtisan(
        slug="maroquinerie-bab-debbagh", email=_email("rachid.aitlahcen"), full_name="Rachid Aït Lahcen",
        business_name="Maroquinerie Bab Debbagh", kind="workshop", crafts=("leather",),
        country="MA", region="Marrakech-Safi", city="Marrakech", language="fr",
        languages_spoken=("ar", "zgh", "fr", "en"), year_founded=1994, team_size=8,
        story=(
            "Nos peaux viennent des tanneries de Bab Debbagh, à deux pas de l'atelier, où elles sont encore tannées à l'écorce de mimosa et teintes au henné, au safran ou à l'indigo. "
            "Nous coupons, cousons et brodons tout dans notre atelier de la médina de Marrakech : sacs, pochettes, poufs et carnets reliés. "
            "Nous avons remplacé peu à peu les colles à solvant par des colles à l'eau, et nous sommes fiers de nos coutures sellier faites à deux aiguilles. "
            "Nos sacs sont vendus en France et au Canada depuis dix ans, et nous adaptons volontiers couleurs et doublures pour un client."
        ),
        exported_before=True, export_markets="France, Canada", monthly_capacity=250, lead_time_days=35,
        min_order_value="8000", currency="MAD", incoterms=("EXW", "FOB", "DAP"),
        payment_terms="30 % à la commande, 70 % avant l'expédition",
        certifications=(MAROC,), instagram="https://instagram.com/babdebbagh.example",
        products=(
            P("Cabas en cuir tanné végétal",
              "Grand cabas en cuir de vachette tanné au mimosa, cousu sellier, avec une poche intérieure zippée.",
              "bag", ("fauve", "cognac", "écru"), ("cuir de vachette", "coton"),
              ("tannage végétal", "couture sellier"), (40, 32, 14), "0.90", "650.00", "1650.00", 6, 35, 60),
            P("Pouf rond en cuir brodé",
              "Pouf en cuir de chèvre brodé d'une rosace au fil de soie, livré vide pour un transport léger.",
              "pouf", ("cognac", "écru", "jaune safran"), ("cuir de chèvre", "fil de soie"),
              ("broderie", "couture main"), (50, 30, 50), "1.20", "480.00", "1250.00", 6, 35, 80),
            P("Pochette gaufrée à motif berbère",
              "Pochette plate en cuir gaufré d'un losange berbère, fermeture pression en laiton.",
              "bag", ("rouge garance", "noir", "doré"), ("cuir de chèvre", "laiton"),
              ("gaufrage", "couture sellier"), (24, 16, 2), "0.20", "180.00", "460.00", 12, 30, 120),
            P("Carnet relié en cuir, 200 pages",
              "Carnet de papier recyclé relié à la main dans une couverture de cuir teint au henné, avec lanière.",
              "box", ("fauve", "brun", "écru"), ("cuir de chèvre", "papier recyclé"),
              ("reliure main",), (15, 21, 3), "0.40", "140.00", "360.00", 12, 30, 150),
            P("Sacoche « Choukara » en cuir et kilim",
              "La sacoche de berger des marchés ruraux, en cuir et panneau de kilim ancien recyclé : chaque pièce est unique.",
              "bag", ("cognac", "rouge garance", "indigo"), ("cuir de vachette", "kilim recyclé"),
              ("couture sellier", "assemblage main"), (30, 28, 10), "0.80", "520.00", "1350.00", 4, 40, 40),
        ),
    ),
    DemoArtisan(
        slug="medina-steps-babouches", email=_email("salma.tazi"), full_name="Salma Tazi",
        business_name="Medina Steps Babouches", kind="sme", crafts=("leather",),
        country="MA", region="Marrakech-Safi", city="Marrakech", language="en",
        languages_spoken=("en", "fr", "ar"), year_founded=2015, team_size=12,
        story=(
            "We started Medina Steps in 2015 with three babouche makers from the Mouassine quarter who were losing work to factory-made slippers. "
            "Today twelve craftsmen cut, stitch and turn every pair by hand on wooden lasts, using goatskin tanned in Marrakech and soles of vegetable-tanned cowhide. "
            "We keep both the pointed toe of Fez and the rounded Marrakech style, and dye in small batches, from saffron yellow to indigo. "
            "We handle the export paperwork ourselves and already ship to boutiques in the UK and the Netherlands, so a first order from the United States is simply a new address on the label."
        ),
        exported_before=True, export_markets="United Kingdom, Netherlands, Germany", monthly_capacity=900, lead_time_days=30,
        min_order_value="600", currency="EUR", incoterms=("EXW", "FCA", "DAP", "DDP"),
        payment_terms="Net 30 for verified museum shops; 50% upfront for first orders",
        certifications=(MAROC,), website="https://medinasteps.example", interface_language="en",
        products=(
            P("Classic pointed babouches, saffron yellow",
              "The pointed Fez slipper in goatskin dyed saffron yellow, hand-stitched on a vegetable-tanned sole. Sizes EU 36 to 46.",
              "babouche", ("saffron yellow", "natural tan", "gold"), ("goatskin", "cowhide"),
              ("hand stitching", "turned construction"), (11, 6, 28), "0.35", "14.00", "38.00", 24, 30, 300),
            P("Rounded-toe babouches in indigo",
              "The soft Marrakech style with a rounded toe and a folded heel, dyed in indigo.",
              "babouche", ("indigo", "natural tan", "cream"), ("goatskin", "cowhide"),
              ("hand stitching", "turned construction"), (11, 6, 27), "0.33", "14.00", "38.00", 24, 30, 300),
            P("Children's babouches with pompoms",
              "Little babouches for ages 2 to 8, with wool pompoms and a non-slip sole.",
              "babouche", ("fuchsia", "saffron yellow", "green"), ("goatskin", "wool", "rubber"),
              ("hand stitching",), (8, 5, 18), "0.15", "8.50", "24.00", 24, 25, 200),
            P("Embroidered velvet babouches",
              "Evening babouches in cotton velvet with gold-thread embroidery on the vamp.",
              "babouche", ("black", "gold", "red"), ("cotton velvet", "metallic thread", "cowhide"),
              ("hand embroidery", "hand stitching"), (11, 6, 27), "0.30", "22.00", "59.00", 12, 40, 120),
            P("Leather slipper pouch",
              "A drawstring pouch in soft leather to keep a pair of babouches, also sold on its own as a gift bag.",
              "bag", ("natural tan", "red", "gold"), ("goatskin", "cotton cord"),
              ("hand stitching",), (18, 32, 2), "0.12", "6.00", "16.00", 24, 20, 400),
        ),
    ),
    DemoArtisan(
        slug="cooperative-tifawin-tazenakht", email=_email("fatima.aitbouzid"), full_name="Fatima Aït Bouzid",
        business_name="Coopérative féminine Tifawin", kind="cooperative", crafts=("carpets",),
        country="MA", region="Drâa-Tafilalet", city="Tazenakht", language="fr",
        languages_spoken=("zgh", "ar", "fr"), year_founded=2006, team_size=38,
        story=(
            "Tifawin signifie « lumières » en tamazight. Notre coopérative réunit trente-huit tisserandes de Tazenakht et des douars voisins, au pied du Siroua, qui tissent chez elles sur des métiers verticaux en bois. "
            "Nous filons la laine de nos moutons et la teignons au henné, à la garance, au safran et à l'écorce de grenade, ce qui donne les rouges et les orangés typiques des tapis Akhnif et Ouzguita. "
            "Chaque tapis porte une étiquette avec le prénom de la tisserande et le nombre de jours de travail, et le prix est fixé avec elle avant la vente. "
            "Les revenus ont permis d'ouvrir une classe d'alphabétisation et de payer le transport scolaire des filles du village."
        ),
        exported_before=True, export_markets="France, Allemagne, États-Unis", monthly_capacity=25, lead_time_days=90,
        min_order_value="1500", currency="EUR", incoterms=("EXW", "FOB", "DAP"),
        payment_terms="50 % à la commande (avance aux tisserandes), 50 % avant l'expédition",
        certifications=(MAROC, "Fair Trade"), interface_language="fr",
        products=(
            P("Tapis Ouzguita 150 × 100 cm",
              "Tapis noué main au motif de losanges ouzguita, laine teinte au henné et à la garance. Environ 45 jours de travail.",
              "rug", ("rouge garance", "noir", "orange safran", "écru"), ("laine", "coton"),
              ("nouage main", "teinture végétale"), (100, None, 150), "6.50", "260.00", "680.00", 1, 90, 6),
            P("Tapis Akhnif rouge garance 200 × 140 cm",
              "Tapis mêlant nouage et tissage plat, avec les yeux et les peignes brodés propres aux Akhnif du Siroua.",
              "rug", ("rouge garance", "orange safran", "noir", "écru"), ("laine", "coton"),
              ("nouage main", "tissage plat", "teinture végétale"), (140, None, 200), "11.00", "420.00", "1100.00", 1, 120, 3),
            P("Kilim Glaoui 120 × 80 cm",
              "Kilim à bandes et petits losanges, tissé à plat, léger et réversible.",
              "rug", ("écru", "rouge garance", "noir", "orange safran"), ("laine",),
              ("tissage plat",), (80, None, 120), "2.80", "140.00", "360.00", 2, 60, 10),
            P("Housse de coussin kilim 45 × 45 cm",
              "Housse tissée à plat avec les chutes de laine des grands tapis, fermeture à boutons de bois.",
              "rug", ("orange safran", "rouge garance", "écru", "noir"), ("laine", "coton"),
              ("tissage plat",), (45, None, 45), "0.40", "22.00", "58.00", 6, 45, 40),
            P("Tapis de prière 110 × 70 cm",
              "Petit tapis noué avec niche en arc et bordure de chevrons, dans les teintes naturelles de la laine.",
              "rug", ("écru", "brun", "rouge garance", "noir"), ("laine", "coton"),
              ("nouage main",), (70, None, 110), "2.20", "110.00", "290.00", 2, 75, 8),
        ),
    ),
    DemoArtisan(
        slug="cooperative-taddart-azrou", email=_email("itto.ouhadi"), full_name="إيطو أوهادي",
        business_name="Coopérative Taddart Azrou", kind="cooperative", crafts=("carpets", "textiles"),
        country="MA", region="Fès-Meknès", city="Azrou", language="ar",
        languages_spoken=("zgh", "ar", "fr"), year_founded=2011, team_size=24,
        story=(
            "تأسست تعاونيتنا سنة 2011 في أزرو، في قلب الأطلس المتوسط، على يد نساء من قبائل بني مكيلد كنّ ينسجن الزرابي لبيوتهن فقط. "
            "نحن اليوم أربع وعشرون نساجة، ننسج زرابي بني مكيلد الحمراء والبنفسجية والحنابل البيضاء ذات الخطوط السوداء، بصوف أغنامنا المغزول باليد. "
            "نصبغ الصوف بأصباغ طبيعية كالفوة والنيلة وقشر الرمان، ولا نستعمل الأصباغ الكيميائية إلا إذا طلبها الزبون. "
            "تعلمنا مع جمعية محلية حساب كلفة العمل وإجراءات التصدير، وأصبح دخل التعاونية يساعد الأسر على تعليم بناتها."
        ),
        exported_before=False, export_markets="", monthly_capacity=15, lead_time_days=90,
        min_order_value="12000", currency="MAD", incoterms=("EXW", "FOB"),
        payment_terms="50% عند الطلب و50% قبل الشحن",
        certifications=(MAROC, "Fair Trade"), interface_language="ar",
        products=(
            P("زربية بني مكيلد حمراء 180 × 120 سم",
              "زربية معقودة باليد بصوف مصبوغ بالفوة، بمعينات بنفسجية وسوداء على أرضية حمراء.",
              "rug", ("أحمر", "بنفسجي", "أسود", "عاجي"), ("صوف",),
              ("عقد يدوي", "صباغة طبيعية"), (120, None, 180), "9.00", "3200.00", "8200.00", 1, 90, 3),
            P("حنبل أبيض بخطوط سوداء 150 × 90 سم",
              "حنبل منسوج نسجا مسطحا من صوف أبيض طبيعي بخطوط سوداء ومعينات صغيرة.",
              "rug", ("عاجي", "أسود", "رمادي", "بني"), ("صوف",),
              ("نسيج مسطح",), (90, None, 150), "3.20", "1400.00", "3600.00", 2, 60, 6, craft="textiles"),
            P("زربية صغيرة للمدخل 90 × 60 سم",
              "زربية صغيرة معقودة ببقايا الصوف الملون، لكل قطعة ألوانها الخاصة.",
              "rug", ("برتقالي", "أحمر", "بنفسجي", "عاجي"), ("صوف",),
              ("عقد يدوي",), (60, None, 90), "1.80", "650.00", "1700.00", 2, 60, 8),
            P("وسادة منسوجة بالصوف 40 × 40 سم",
              "غطاء وسادة منسوج بزخارف بني مكيلد، بظهر من القطن.",
              "rug", ("أحمر", "أسود", "عاجي", "بنفسجي"), ("صوف", "قطن"),
              ("نسيج مسطح",), (40, None, 40), "0.35", "220.00", "580.00", 6, 45, 30, craft="textiles"),
            P("غطاء سرير منسوج باليد",
              "غطاء سرير كبير من الصوف الأبيض بزخارف حمراء. قيد التحضير: نحدد الثمن مع النساجات.",
              "cloth", ("عاجي", "أحمر", "أسود", "برتقالي"), ("صوف",),
              ("نسيج مسطح",), (220, None, 160), "4.50", "2600.00", "6800.00", 1, 120, 2, craft="textiles", draft=True),
        ),
    ),
    DemoArtisan(
        slug="dinanderie-dar-nhass", email=_email("mohammed.lahlou"), full_name="Mohammed Lahlou",
        business_name="Dinanderie Dar Nhass", kind="workshop", crafts=("metal",),
        country="MA", region="Fès-Meknès", city="Fès", language="fr",
        languages_spoken=("ar", "fr"), year_founded=1968, team_size=6,
        story=(
            "Sur la place Seffarine, au cœur de la médina de Fès, le bruit des marteaux n'a jamais cessé depuis le Moyen Âge. "
            "Notre atelier est l'une des dernières dinanderies familiales de la place : nous martelons le cuivre et le laiton en feuille, puis nous ciselons à la main les anneaux, les étoiles et les calligraphies, avec des burins que nous fabriquons nous-mêmes. "
            "Les plateaux sont étamés à l'intérieur sur demande, pour le service du thé ou des plats. "
            "Nous acceptons les formes particulières sur dessin, à partir de vingt pièces."
        ),
        exported_before=True, export_markets="France, Turquie", monthly_capacity=120, lead_time_days=45,
        min_order_value="7000", currency="MAD", incoterms=("EXW", "FOB"),
        payment_terms="40 % à la commande, 60 % avant l'expédition",
        certifications=(MAROC,),
        products=(
            P("Plateau à thé en cuivre ciselé 50 cm",
              "Grand plateau martelé et ciselé d'anneaux et d'une étoile centrale, bord relevé. Environ trois jours de travail.",
              "tray", ("cuivre", "laiton", "brun"), ("cuivre",),
              ("martelage", "ciselure"), (50, 3, 50), "2.10", "650.00", "1600.00", 4, 45, 20),
            P("Plateau en laiton à anneaux gravés 35 cm",
              "Plateau de service en laiton poli, gravé d'anneaux concentriques et de petites palmettes.",
              "tray", ("laiton", "brun", "doré"), ("laiton",),
              ("martelage", "gravure au burin"), (35, 2, 35), "1.10", "320.00", "820.00", 6, 40, 40),
            P("Lanterne en laiton ajouré",
              "Lanterne hexagonale en laiton percé à la main, dont la lumière dessine des étoiles sur les murs.",
              "lantern", ("laiton", "jaune safran", "brun"), ("laiton", "verre"),
              ("ajourage", "martelage"), (22, 45, 22), "1.60", "480.00", "1250.00", 4, 45, 30),
            P("Bassin et aiguière en cuivre étamé",
              "Ensemble traditionnel pour le lavage des mains, en cuivre martelé et étamé à l'intérieur.",
              "vase", ("cuivre", "argent", "brun"), ("cuivre", "étain"),
              ("martelage", "étamage"), (32, 30, 32), "2.40", "780.00", "1900.00", 2, 60, 10),
            P("Théière en maillechort ciselée",
              "Théière de Fès en maillechort, au bec fin et au couvercle à bouton, ciselée de motifs floraux.",
              "vase", ("argent", "laiton", "noir"), ("maillechort",),
              ("ciselure", "soudure"), (18, 24, 14), "0.70", "360.00", "920.00", 6, 45, 40),
        ),
    ),
    DemoArtisan(
        slug="broderie-dar-tetouania", email=_email("nadia.elkhatib"), full_name="Nadia El Khatib",
        business_name="Broderie Dar Tétouania", kind="cooperative", crafts=("textiles",),
        country="MA", region="Tanger-Tétouan-Al Hoceïma", city="Tétouan", language="fr",
        languages_spoken=("ar", "fr", "es"), year_founded=2012, team_size=15,
        story=(
            "La broderie de Tétouan, héritée des familles andalouses arrivées au XVe siècle, se reconnaît à ses motifs floraux brodés au fil de soie sur le lin ou le velours, souvent en rouge, vert et or. "
            "Notre association réunit quinze brodeuses de la médina, dont plusieurs ont appris à l'école des arts traditionnels de la ville. "
            "Nous brodons des nappes, des coussins et des pochettes en respectant les points anciens, comme le « tarz » au fil d'or. "
            "Nous cherchons nos premiers clients hors du Maroc et nous apprenons à calculer nos délais pour l'export."
        ),
        exported_before=False, export_markets="", monthly_capacity=50, lead_time_days=60,
        min_order_value="5000", currency="MAD", incoterms=("EXW",),
        payment_terms="50 % à la commande, 50 % avant l'expédition",
        certifications=(MAROC,), status="pending",
        products=(
            P("Nappe en lin brodée au fil de soie",
              "Nappe de 150 × 150 cm brodée de bouquets et de frises en soie rouge et verte.",
              "cloth", ("écru", "rouge", "vert", "doré"), ("lin", "fil de soie"),
              ("broderie main", "point de Tétouan"), (150, None, 150), "0.75", "1400.00", "3500.00", 1, 75, 4),
            P("Housse de coussin en velours brodée d'or",
              "Housse en velours bordeaux brodée au fil d'or selon le point « tarz ».",
              "cloth", ("bordeaux", "doré", "vert"), ("velours de coton", "fil doré"),
              ("broderie au fil d'or",), (45, None, 45), "0.30", "380.00", "950.00", 4, 45, 20),
            P("Pochette brodée « Tarz »",
              "Petite pochette de soirée en velours noir brodée d'or, doublée de satin.",
              "bag", ("noir", "doré", "rouge"), ("velours de coton", "fil doré", "satin"),
              ("broderie au fil d'or",), (22, 14, 2), "0.15", "260.00", "650.00", 6, 45, 30),
            P("Chemin de table fleuri",
              "Chemin de table en lin brodé d'une guirlande de fleurs et de feuillages.",
              "cloth", ("écru", "vert", "rouge", "doré"), ("lin", "fil de soie"),
              ("broderie main",), (35, None, 140), "0.25", "520.00", "1300.00", 2, 60, 10),
        ),
    ),
    DemoArtisan(
        slug="atelier-thuya-mogador", email=_email("abderrahim.oulhaj"), full_name="Abderrahim Oulhaj",
        business_name="Atelier Thuya Mogador", kind="workshop", crafts=("woodwork",),
        country="MA", region="Marrakech-Safi", city="Essaouira", language="fr",
        languages_spoken=("ar", "zgh", "fr", "en"), year_founded=1990, team_size=7,
        story=(
            "À Essaouira, l'ancienne Mogador, les ébénistes travaillent la loupe de thuya, la racine noueuse d'un conifère de l'arganeraie, dont le bois sent le cèdre et brille comme du miel une fois poli. "
            "Nous n'achetons que des loupes issues des coupes autorisées par les Eaux et Forêts, car le thuya est protégé, et nous replantons chaque année avec une association de la région. "
            "Nos boîtes sont marquetées à la main de citronnier, d'ébène et de filets de laiton, puis polies à la cire d'abeille. "
            "Nous sommes sept dans l'atelier, sous les remparts de la Skala."
        ),
        exported_before=True, export_markets="France, Allemagne, Japon", monthly_capacity=300, lead_time_days=40,
        min_order_value="6000", currency="MAD", incoterms=("EXW", "FOB", "DAP"),
        payment_terms="30 % à la commande, 70 % avant l'expédition",
        certifications=(MAROC,),
        products=(
            P("Boîte à bijoux en loupe de thuya marquetée",
              "Boîte à couvercle en loupe de thuya marquetée d'une étoile en citronnier, intérieur en cèdre.",
              "box", ("thuya", "citronnier", "ébène"), ("loupe de thuya", "citronnier", "cèdre"),
              ("marqueterie", "polissage à la cire"), (20, 8, 12), "0.60", "240.00", "620.00", 6, 40, 80),
            P("Échiquier en thuya et citronnier",
              "Échiquier pliant à cases de thuya et de citronnier, pièces tournées en thuya et ébène.",
              "box", ("thuya", "citronnier", "ébène"), ("loupe de thuya", "citronnier", "ébène"),
              ("marqueterie", "tournage"), (40, 5, 20), "1.80", "650.00", "1650.00", 2, 60, 15),
            P("Plateau de service en thuya",
              "Plateau rond tourné dans une seule loupe de thuya, huilé pour un usage alimentaire.",
              "tray", ("thuya", "miel", "brun"), ("loupe de thuya", "huile de lin"),
              ("tournage", "polissage à la cire"), (32, 3, 32), "0.90", "320.00", "820.00", 4, 40, 40),
            P("Coffret à thé à quatre compartiments",
              "Coffret à thé en thuya à filets de laiton, quatre compartiments et couvercle à charnière.",
              "box", ("thuya", "laiton", "citronnier"), ("loupe de thuya", "laiton", "cèdre"),
              ("marqueterie", "incrustation de laiton"), (24, 9, 18), "1.10", "380.00", "960.00", 4, 45, 40),
            P("Cadre photo en thuya 13 × 18",
              "Cadre photo en loupe de thuya avec filet de citronnier et pied chevalet.",
              "box", ("thuya", "citronnier", "brun"), ("loupe de thuya", "citronnier", "verre"),
              ("marqueterie",), (20, 25, 2), "0.45", "150.00", "390.00", 12, 30, 120),
        ),
    ),
    DemoArtisan(
        slug="cooperative-argan-tamount", email=_email("khadija.oubella"), full_name="Khadija Oubella",
        business_name="Coopérative Argan Tamount", kind="cooperative", crafts=("terroir",),
        country="MA", region="Marrakech-Safi", city="Tamanar", language="fr",
        languages_spoken=("zgh", "ar", "fr"), year_founded=2003, team_size=45,
        story=(
            "Notre coopérative, fondée en 2003 près de Tamanar, réunit quarante-cinq femmes des douars de l'arganeraie, classée réserve de biosphère par l'UNESCO. "
            "Nous cassons les noix d'argan à la main entre deux pierres, comme nos mères, avant de presser les amandons à froid pour l'huile cosmétique ou de les torréfier pour l'huile alimentaire et l'amlou. "
            "Le travail est payé au kilo d'amandons et chaque membre reçoit une part des bénéfices en fin d'année. "
            "Pour les boutiques de musée, nous proposons des coffrets en petits formats avec une notice en anglais sur l'arbre et le savoir-faire des femmes."
        ),
        exported_before=True, export_markets="France, Allemagne, Canada, États-Unis", monthly_capacity=3000, lead_time_days=21,
        min_order_value="800", currency="EUR", incoterms=("EXW", "FOB", "CIF", "DAP"),
        payment_terms="Paiement avant l'expédition",
        certifications=("IGP Argane", "Agriculture biologique (Ecocert)", "Fair Trade"),
        website="https://argan-tamount.example",
        products=(
            P("Huile d'argan alimentaire torréfiée 100 ml",
              "Huile pressée à froid d'amandons torréfiés, au goût de noisette, en flacon de verre ambré.",
              "bottle", ("ambre", "brun", "vert olive"), ("huile d'argan", "verre"),
              ("concassage à la main", "pression à froid"), (5, 16, 5), "0.25", "7.50", "19.00", 48, 21, 1500),
            P("Huile d'argan cosmétique 50 ml",
              "Huile pure pour la peau et les cheveux, certifiée biologique, avec compte-gouttes.",
              "bottle", ("miel", "doré", "vert olive"), ("huile d'argan", "verre"),
              ("concassage à la main", "pression à froid"), (4, 12, 4), "0.15", "6.00", "16.00", 48, 21, 2000),
            P("Amlou aux amandes et miel 250 g",
              "Pâte à tartiner berbère d'amandes grillées, d'huile d'argan et de miel de thym.",
              "jar", ("brun", "ambre", "doré"), ("amandes", "huile d'argan", "miel de thym", "verre"),
              ("torréfaction", "broyage à la meule"), (7, 9, 7), "0.40", "5.50", "14.00", 24, 21, 800),
            P("Coffret découverte : huile, amlou et savon",
              "Coffret en carton recyclé avec une huile alimentaire de 50 ml, un amlou de 100 g et un savon noir, notice en anglais.",
              "box", ("beige", "ambre", "vert olive"), ("huile d'argan", "amlou", "savon", "carton recyclé"),
              ("assemblage main",), (22, 7, 15), "0.55", "14.00", "36.00", 24, 21, 400),
            P("Savon noir à l'argan 200 g",
              "Savon noir traditionnel du hammam enrichi d'huile d'argan, en pot avec gant de gommage.",
              "jar", ("brun", "vert olive", "beige"), ("huile d'olive", "huile d'argan", "potasse"),
              ("saponification à froid",), (8, 7, 8), "0.28", "4.20", "11.00", 24, 21, 1000),
        ),
    ),
)

BUYERS: tuple[DemoBuyer, ...] = (
    DemoBuyer(
        email=_email("emma.whitfield"), full_name="Emma Whitfield",
        organisation_name="Hudson Museum of Art Store", organisation_kind="museum_shop",
        city="New York", time_zone="America/New_York", job_title="Senior Buyer, Global Design and Craft",
        crafts_of_interest=("ceramics", "textiles", "metal", "jewellery"), typical_order_qty=48,
        price_min_usd="8", price_max_usd="150", languages=("en", "fr"), is_verified=True,
        website="https://hudsonmuseumstore.example",
    ),
    DemoBuyer(
        email=_email("marcus.bell"), full_name="Marcus Bell",
        organisation_name="Lakeshore Art Institute Store", organisation_kind="museum_shop",
        city="Chicago", time_zone="America/Chicago", job_title="Merchandise Manager",
        crafts_of_interest=("ceramics", "basketry", "woodwork", "cutlery"), typical_order_qty=36,
        price_min_usd="10", price_max_usd="120", languages=("en", "es"), is_verified=True,
        website="https://lakeshoreartstore.example",
    ),
    DemoBuyer(
        email=_email("grace.nakamura"), full_name="Grace Nakamura",
        organisation_name="Golden Gate Design Museum Store", organisation_kind="museum_shop",
        city="San Francisco", time_zone="America/Los_Angeles", job_title="Product Development Buyer",
        crafts_of_interest=("carpets", "leather", "basketry", "terroir"), typical_order_qty=24,
        price_min_usd="15", price_max_usd="400", languages=("en",), is_verified=True,
    ),
    DemoBuyer(
        email=_email("daniel.okafor"), full_name="Daniel Okafor",
        organisation_name="Potomac Gallery of Art Shop", organisation_kind="gallery",
        city="Washington, DC", time_zone="America/New_York", job_title="Buyer, Jewelry and Accessories",
        crafts_of_interest=("jewellery", "metal", "textiles", "leather"), typical_order_qty=60,
        price_min_usd="5", price_max_usd="90", languages=("en", "fr"), is_verified=True,
    ),
    DemoBuyer(
        email=_email("isabel.trujillo"), full_name="Isabel Trujillo",
        organisation_name="Sangre de Cristo Folk Art Market", organisation_kind="retailer",
        city="Santa Fe", time_zone="America/Denver", job_title="Artisan Relations Coordinator",
        crafts_of_interest=("carpets", "ceramics", "textiles", "basketry"), typical_order_qty=12,
        price_min_usd="20", price_max_usd="600", languages=("en", "es"), is_verified=False,
    ),
)

# Alt texts of the drawn photos, in the language of the texts they illustrate.
ALT_TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "whole": "{title}: la pieza entera sobre fondo claro, en {colours}",
        "detail": "Detalle de {title}: la decoración vista de cerca, en {colours}",
        "workshop": "Taller de {name}: estantes con piezas terminadas junto a la ventana y la mesa de trabajo",
        "and": " y ",
    },
    "fr": {
        "whole": "{title} : la pièce entière sur fond clair, en {colours}",
        "detail": "Détail de {title} : le décor vu de près, en {colours}",
        "workshop": "L'atelier {name} : étagères de pièces finies près de la fenêtre et de l'établi",
        "and": " et ",
    },
    "ar": {
        "whole": "{title}: القطعة كاملة على خلفية فاتحة، بالألوان {colours}",
        "detail": "تفاصيل {title}: الزخرفة عن قرب، بالألوان {colours}",
        "workshop": "ورشة {name}: رفوف عليها قطع جاهزة قرب النافذة وطاولة العمل",
        "and": " و",
    },
    "en": {
        "whole": "{title}: the whole piece on a light background, in {colours}",
        "detail": "Detail of {title}: the decoration up close, in {colours}",
        "workshop": "The {name} workshop: shelves of finished pieces by the window and the workbench",
        "and": " and ",
    },
}
