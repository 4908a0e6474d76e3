// Word lists for the synthetic free text (names, steps, descriptions, reviews), written in the style of
// the real rows: lowercase names and steps with " , " punctuation, mixed-case reviews.
#include "data/generator/vocabulary.hpp"

namespace mtm::data::gen {

namespace {

WordLists build_words() {
  WordLists w;
  w.dish_words = {{
      // Main
      {"casserole", "chicken",   "stir fry",   "skillet",    "bake",      "tacos",    "pasta",
       "curry",     "stew",      "burgers",    "enchiladas", "lasagna",   "meatloaf", "pork chops",
       "fajitas",   "chili",     "pot roast",  "kabobs",     "quiche",    "pot pie",  "stroganoff",
       "risotto",   "meatballs", "tenderloin", "fried rice", "jambalaya", "paella",   "sloppy joes",
       "pizza",     "ribs",      "wraps",      "sandwiches", "noodles",   "goulash",  "primavera"},
      // Dessert
      {"cake",       "cookies",    "pie",      "bars",   "brownies",      "pudding",  "cheesecake",
       "muffins",    "cobbler",    "crisp",    "fudge",  "tart",          "cupcakes", "ice cream",
       "truffles",   "squares",    "trifle",   "mousse", "bread pudding", "candy",    "bundt cake",
       "pound cake", "shortbread", "frosting", "dessert"},
      // Salad
      {"salad", "slaw", "pasta salad", "potato salad", "salad with vinaigrette", "chopped salad", "bean salad"},
      // Soup
      {"soup", "stew", "chowder", "bisque", "chili", "gumbo", "stock", "noodle soup", "minestrone"},
      // Breakfast
      {"pancakes", "waffles", "omelet", "frittata", "scramble", "breakfast casserole", "granola", "french toast",
       "oatmeal", "breakfast burritos", "hash", "scones"},
      // Beverage
      {"smoothie", "punch", "shake", "lemonade", "martini", "margarita", "iced tea", "cocktail", "latte",
       "hot chocolate", "sangria", "cooler"},
      // Appetizer
      {"dip", "bites", "spread", "salsa", "cheese ball", "wings", "poppers", "crostini", "bruschetta", "nachos",
       "pinwheels", "deviled eggs", "roll ups"},
      // Side
      {"bake", "gratin", "casserole", "saute", "mash", "fries", "rice", "pilaf", "roasted vegetables", "beans",
       "stuffing", "medley", "side dish"},
      // Bread
      {"bread", "rolls", "biscuits", "cornbread", "focaccia", "loaf", "buns", "flatbread", "quick bread", "bagels",
       "tortillas"},
      // Sauce
      {"sauce", "dressing", "marinade", "glaze", "gravy", "rub", "pesto", "chutney", "relish", "jam", "seasoning mix",
       "syrup"},
  }};
  w.adjectives = {"easy",    "spicy",     "creamy",      "quick",    "best",     "simple",  "homemade", "old fashioned",
                  "healthy", "grilled",   "baked",       "crispy",   "cheesy",   "sweet",   "tangy",    "zesty",
                  "hearty",  "light",     "rustic",      "southern", "italian",  "mexican", "thai",     "greek",
                  "low fat", "crock pot", "slow cooker", "amazing",  "yummy",    "classic", "roasted",  "fresh",
                  "chunky",  "smoky",     "golden",      "mini",     "jalapeño", "country", "garlicky", "lemony"};
  w.people = {"grandma", "mom",   "aunt mary", "nana", "dad",   "granny",    "uncle bob", "betty", "my mother", "joe",
              "emeril",  "paula", "grandpa",   "ina",  "annie", "kittencal", "mimi",      "sue",   "linda"};
  w.quoted_phrases = {"best ever",
                      "to die for",
                      "a bit different",
                      "all in the kitchen",
                      "beat this",
                      "better than sex",
                      "fool the meat eaters",
                      "easiest ever",
                      "forgotten",
                      "no fuss",
                      "award winning",
                      "kid approved",
                      "oh my",
                      "the real",
                      "famous",
                      "company s coming",
                      "yum yum",
                      "mmm",
                      "secret",
                      "world s best",
                      "copycat",
                      "lazy day",
                      "what s for dinner"};
  w.suffixes = {"crock pot",       "low fat",     "vegan",    "for two",     "oamc",        "microwave",
                "weight watchers", "ww",          "no bake",  "gluten free", "for canning", "bread machine",
                "low carb",        "for a crowd", "diabetic", "vegetarian"};
  w.step_templates = {
      "preheat oven to {t} degrees",
      "preheat oven to {t} degrees f",
      "in a large bowl , combine {i} and {j}",
      "in a medium bowl , mix together {i} , {j} and {k}",
      "add {i} and stir well",
      "add the {i} and cook for {n} minutes",
      "bake for {n} minutes or until golden brown",
      "bake at {t} for {n} minutes , or until a toothpick inserted in the center comes out clean",
      "season with {i} to taste",
      "serve hot",
      "serve immediately",
      "cook over medium heat for {n} minutes , stirring occasionally",
      "mix well",
      "let stand {n} minutes before serving",
      "pour into a greased 9 x 13 inch pan",
      "chop the {i} and set aside",
      "bring to a boil , then reduce heat and simmer {n} minutes",
      "don't overmix or the batter will be tough",
      "it's best served warm with a dollop of {i}",
      "refrigerate until ready to serve",
      "cover and refrigerate at least {n} hours",
      "heat {i} in a large skillet over medium-high heat",
      "saute {i} until tender , about {n} minutes",
      "stir in {i} and {j}",
      "drain and rinse the {i}",
      "whisk together {i} and {j} until smooth",
      "sprinkle with {i}",
      "garnish with {i} and serve",
      "fold in the {i}",
      "transfer to a serving dish",
      "cream the {i} and {j} until light and fluffy",
      "beat in {i} one at a time",
      "spoon into prepared muffin cups",
      "cool on a wire rack",
      "slice and serve",
      "place {i} in the bottom of a slow cooker",
      "cook on low for {n} hours",
      "blend until smooth",
      "grill over medium heat , turning once , until done",
      "marinate {i} in the refrigerator overnight",
      "roll out the dough on a lightly floured surface",
      "cut into squares",
      "toss with {i} and {j}",
      "adjust seasoning with {i} if needed",
      "you can substitute {j} for the {i} if you don't have any",
      "combine all ingredients in a saucepan",
      "remove from heat",
      "let cool completely",
      "store in an airtight container",
      "layer half of the {i} over the {j}",
  };
  w.description_sentences = {
      "this is my family's favorite",
      "a quick and easy weeknight dinner.",
      "i found this recipe in an old cookbook and tweaked it a bit.",
      "my kids love this!",
      "great for potlucks and picnics.",
      "this recipe came from my grandmother and is always a hit.",
      "you can make it ahead and freeze it.",
      "a healthy version of a classic.",
      "perfect for a cold winter night.",
      "light and refreshing on a hot summer day.",
      "the flavors blend beautifully if you let it sit overnight.",
      "serve with a green salad and crusty bread.",
      "this is so good, you won't believe how easy it is.",
      "adapted from a recipe in \"taste of home\".",
      "i make this every year for the holidays.",
      "posted for zwt, a tasty trip around the world.",
      "cooking time includes chilling time.",
      "the original called for twice the butter; i cut it down.",
      "from a church cookbook, circa 1978.",
      "this makes a lot, so plan on leftovers!",
      "a café favorite made at home.",
      "everyone asks for the recipe when i bring this.",
      "it's not fancy, but it's delicious.",
      "adjust the heat to your taste.",
      "a great way to use up leftover turkey.",
      "this is a recipe i got from a friend at work.",
      "my husband says this is the best he has ever had.",
      "low in fat but big on flavor.",
      "prep time does not include marinating time.",
      "i like to double the sauce.",
  };
  w.review_positive = {
      "This was absolutely delicious!",
      "Made this for dinner tonight and everyone loved it.",
      "Very easy to make and so tasty.",
      "I will definitely be making this again.",
      "My husband asked for seconds, which he never does.",
      "Great recipe, thanks for posting!",
      "I followed the recipe exactly and it turned out perfect.",
      "The kids gobbled it up.",
      "This is a keeper!",
      "I added a little extra garlic and it was wonderful.",
      "So simple, so delicious!",
      "Wonderful flavor and very moist.",
      "I used low fat sour cream and nobody could tell.",
      "Made for ZWT and we loved it.",
      "This will go into my regular rotation.",
      "I've made this three times now and it's always a hit.",
      "Yum! Thanks for sharing.",
      "Perfect for a busy weeknight.",
      "I served it with rice and a salad.",
      "Better than the restaurant version!",
  };
  w.review_neutral = {
      "This was good, but not great.",
      "It was okay; I think it needs more seasoning.",
      "A little bland for our taste.",
      "Pretty good, but I would cut back on the sugar next time.",
      "Nice recipe, though it took longer than stated.",
      "We thought it was fine.",
      "I had to add more liquid.",
      "Not bad for a quick meal.",
  };
  w.review_negative = {
      "Sorry, but this did not work for me.",
      "This was way too salty.",
      "I was disappointed with how this turned out.",
      "The texture was off and nobody liked it.",
      "I followed the directions exactly and it was a disaster.",
      "Much too sweet, I won't make it again.",
      "Something is wrong with the proportions in this recipe.",
      "It burned before the center was cooked.",
  };
  w.review_unrated = {
      "I haven't made this yet but it sounds great.",
      "Just an observation, so I will not rate.",
      "Can I use frozen instead of fresh?",
      "I made a few changes so I won't rate it.",
      "Saving this one for later!",
      "What size pan did you use?",
  };
  w.review_openers = {"", "", "", "", "Wow! ", "Yum. ", "Mmmm. ", "OK, ", "Well, ", "Thank you! "};
  w.review_closers = {"", "", "", " Thanks!", " Thanks for posting.", " :)", " Enjoy!", " Will make again."};
  return w;
}

}  // namespace

const WordLists& word_lists() {
  static const WordLists w = build_words();
  return w;
}

}  // namespace mtm::data::gen
